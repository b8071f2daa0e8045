// Retry timing: exponential backoff with full jitter, capped, never sooner than Retry-After.
#include <gtest/gtest.h>

#include "s1/runner/retry_policy.hpp"

namespace {

using ld::s1::backoff_delay;
using ld::s1::RetryPolicy;
using std::chrono::milliseconds;

TEST(Backoff, CeilingDoublesWithEachRetryUpToTheCap) {
  RetryPolicy p;  // base 200 ms, cap 10 s
  const double top = 0.999999;
  EXPECT_NEAR(backoff_delay(p, 1, std::nullopt, top).count(), 200, 1);
  EXPECT_NEAR(backoff_delay(p, 2, std::nullopt, top).count(), 400, 1);
  EXPECT_NEAR(backoff_delay(p, 3, std::nullopt, top).count(), 800, 1);
  EXPECT_NEAR(backoff_delay(p, 7, std::nullopt, top).count(), 10'000, 1);
  EXPECT_NEAR(backoff_delay(p, 60, std::nullopt, top).count(), 10'000, 1);
}

TEST(Backoff, IsFullJitterBetweenZeroAndTheCeiling) {
  RetryPolicy p;
  EXPECT_EQ(backoff_delay(p, 3, std::nullopt, 0.0), milliseconds(0));
  EXPECT_EQ(backoff_delay(p, 3, std::nullopt, 0.5), milliseconds(400));
}

TEST(Backoff, HonoursRetryAfterAsAFloor) {
  RetryPolicy p;
  EXPECT_EQ(backoff_delay(p, 1, milliseconds(3000), 0.0), milliseconds(3000));
  EXPECT_EQ(backoff_delay(p, 1, milliseconds(3000), 0.99), milliseconds(3000));
  // A longer backoff than Retry-After stays as drawn.
  EXPECT_EQ(backoff_delay(p, 7, milliseconds(1000), 0.5), milliseconds(5000));
}

TEST(Backoff, CapsAnAbsurdRetryAfter) {
  RetryPolicy p;
  EXPECT_EQ(backoff_delay(p, 1, milliseconds(86'400'000), 0.0), p.retry_after_cap);
}

TEST(RetryAfter, IsReadInSeconds) {
  EXPECT_EQ(ld::s1::parse_retry_after("2"), milliseconds(2000));
  EXPECT_EQ(ld::s1::parse_retry_after(" 5 "), milliseconds(5000));
  EXPECT_EQ(ld::s1::parse_retry_after("0"), milliseconds(0));
}

TEST(RetryAfter, AnythingElseIsIgnored) {
  EXPECT_FALSE(ld::s1::parse_retry_after(""));
  EXPECT_FALSE(ld::s1::parse_retry_after("-1"));
  EXPECT_FALSE(ld::s1::parse_retry_after("1.5"));
  EXPECT_FALSE(ld::s1::parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"));
}

TEST(Retryable, NetworkErrors5xxAnd429AreRetriedOtherAnswersAreNot) {
  for (long s : {0L, 429L, 500L, 502L, 503L, 504L})
    EXPECT_TRUE(ld::s1::is_retryable_status(s)) << s;
  for (long s : {200L, 201L, 400L, 401L, 404L, 409L, 413L, 415L, 422L}) {
    EXPECT_FALSE(ld::s1::is_retryable_status(s)) << s;
  }
}

}  // namespace
