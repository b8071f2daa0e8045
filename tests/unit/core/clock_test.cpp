// Times and dates as the API writes and reads them.
#include "core/clock.hpp"

#include <gtest/gtest.h>

namespace ld {
namespace {

TEST(Clock, TimesAreRfc3339UtcWithMilliseconds) {
  EXPECT_EQ(clock::format_rfc3339(1796040000123), "2026-11-30T12:00:00.123Z");
  EXPECT_EQ(clock::parse_rfc3339("2026-11-30T12:00:00.123Z"), 1796040000123);
}

TEST(Clock, DatesMustBeRealCalendarDates) {
  EXPECT_TRUE(clock::parse_date("2024-02-29"));
  EXPECT_FALSE(clock::parse_date("2023-02-29"));
  EXPECT_FALSE(clock::parse_date("2023-13-01"));
  EXPECT_FALSE(clock::parse_date("2023-1-01"));
}

TEST(Clock, PublishedDatesMayBePartial) {
  EXPECT_TRUE(clock::is_partial_date("1899"));
  EXPECT_TRUE(clock::is_partial_date("1899-05"));
  EXPECT_TRUE(clock::is_partial_date("1899-05-12"));
  EXPECT_FALSE(clock::is_partial_date("1899-13"));
  EXPECT_FALSE(clock::is_partial_date("1899-05-12T00:00:00Z"));
}

}  // namespace
}  // namespace ld
