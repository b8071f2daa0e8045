// Progress: a redrawn bar on a terminal, whole lines elsewhere, and always a final state.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "s1/report/progress.hpp"

namespace {

TEST(Progress, OnATerminalRedrawsOneLine) {
  std::ostringstream out;
  {
    ld::s1::PhaseProgress progress(out, "customers", 4, true);
    for (int i = 0; i < 4; ++i) progress.advance(i != 2);
  }
  const auto text = out.str();
  EXPECT_NE(text.find('\r'), std::string::npos);
  EXPECT_NE(text.find("4/4"), std::string::npos);
  EXPECT_NE(text.find("1 not as expected"), std::string::npos);
  EXPECT_EQ(text.back(), '\n');
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1);
}

TEST(Progress, ElsewherePrintsWholeLinesWithoutCarriageReturns) {
  std::ostringstream out;
  {
    ld::s1::PhaseProgress progress(out, "orders", 3, false);
    for (int i = 0; i < 3; ++i) progress.advance(true);
  }
  const auto text = out.str();
  EXPECT_EQ(text.find('\r'), std::string::npos);
  EXPECT_NE(text.find("orders: 3 to send"), std::string::npos);
  EXPECT_NE(text.find("orders: 3/3 done (100%)"), std::string::npos);
}

TEST(Progress, AnEmptyPhaseStillEnds) {
  std::ostringstream out;
  ld::s1::PhaseProgress(out, "books", 0, false).finish();
  EXPECT_NE(out.str().find("books: 0/0 done"), std::string::npos);
}

}  // namespace
