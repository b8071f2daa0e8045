// Text rules: lengths in characters and accent-aware case folding.
#include "core/text.hpp"

#include <gtest/gtest.h>

namespace ld {
namespace {

TEST(Text, LengthCountsCharactersNotBytes) {
  EXPECT_EQ(text::length("João"), 4U);
  EXPECT_EQ(text::length("ção"), 3U);
}

TEST(Text, FoldingMatchesAccentedCapitals) {
  EXPECT_EQ(text::fold_case("ÇÃO ÉDIPO"), "ção édipo");
  EXPECT_TRUE(text::contains_folded("Conceição Evaristo", "CEIÇÃO"));
  EXPECT_FALSE(text::contains_folded("Machado", "ç"));
}

TEST(Text, RegexAndSqlCharactersAreOrdinaryText) {
  EXPECT_TRUE(text::contains_folded("a.*(b", ".*("));
  EXPECT_EQ(text::fold_case("'); DROP TABLE x;--"), "'); drop table x;--");
}

}  // namespace
}  // namespace ld
