// Retry timing: exponential backoff with full jitter, capped, never sooner than Retry-After.
#include <gtest/gtest.h>

#include "s1/s2_client/retry_policy.hpp"

namespace {

using ld::s1::AttemptAnswer;
using ld::s1::backoff_delay;
using ld::s1::RetryPolicy;
using ld::s1::RetrySchedule;
using std::chrono::milliseconds;

TEST(Backoff, CeilingDoublesWithEachRetryUpToTheCap) {
  RetryPolicy p;  // base 200 ms, cap 2 s
  const double top = 0.999999;
  EXPECT_NEAR(backoff_delay(p, 1, std::nullopt, top).count(), 200, 1);
  EXPECT_NEAR(backoff_delay(p, 2, std::nullopt, top).count(), 400, 1);
  EXPECT_NEAR(backoff_delay(p, 3, std::nullopt, top).count(), 800, 1);
  EXPECT_NEAR(backoff_delay(p, 4, std::nullopt, top).count(), 1600, 1);
  EXPECT_NEAR(backoff_delay(p, 5, std::nullopt, top).count(), 2000, 1);
  EXPECT_NEAR(backoff_delay(p, 60, std::nullopt, top).count(), 2000, 1);
}

TEST(Backoff, TheDefaultBudgetOutlastsAnS2Restart) {
  // An S2 restart takes about 1.1 s; the old budget (3 retries) ran out after at most 1.4 s of
  // waiting, and after 0.7 s on average.
  EXPECT_GE(RetryPolicy{}.retry_for, milliseconds(10'000));
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
  p.cap = milliseconds(10'000);
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

AttemptAnswer status(long s, std::optional<milliseconds> retry_after = std::nullopt) {
  return {s, false, retry_after};
}

TEST(RetrySchedule, RetriesUntilTheBudgetIsSpentNotAfterACount) {
  RetryPolicy p;
  p.retry_for = milliseconds(15'000);
  RetrySchedule schedule(p);
  auto elapsed = milliseconds(0);
  int retries = 0;
  // No answer at all, as while S2 restarts: the waits grow to the cap and go on until the
  // budget ends, far past the old three retries.
  while (const auto wait = schedule.next_wait(status(0), elapsed, 0.999)) {
    EXPECT_LE(*wait, p.cap);
    elapsed += *wait;
    ++retries;
    ASSERT_LT(retries, 1000) << "the budget must end the retries";
  }
  EXPECT_GT(retries, 3);
  EXPECT_EQ(elapsed, p.retry_for) << "the last retry comes as the budget ends";
  EXPECT_EQ(schedule.retries_used(), retries);
}

TEST(RetrySchedule, TheLastWaitIsCutToWhatIsLeftOfTheBudget) {
  RetryPolicy p;
  p.retry_for = milliseconds(1000);
  RetrySchedule schedule(p);
  EXPECT_EQ(schedule.next_wait(status(503), milliseconds(900), 0.999), milliseconds(100));
  EXPECT_FALSE(schedule.next_wait(status(503), milliseconds(1000), 0.999));
}

TEST(RetrySchedule, ZeroBudgetMeansNoRetry) {
  RetryPolicy p;
  p.retry_for = milliseconds(0);
  RetrySchedule schedule(p);
  EXPECT_FALSE(schedule.next_wait(status(503), milliseconds(0), 0.5));
}

TEST(RetrySchedule, ACountLimitStillApplies) {
  RetryPolicy p;
  p.retries = 2;
  RetrySchedule schedule(p);
  EXPECT_TRUE(schedule.next_wait(status(503), milliseconds(0), 0.5));
  EXPECT_TRUE(schedule.next_wait(status(503), milliseconds(100), 0.5));
  EXPECT_FALSE(schedule.next_wait(status(503), milliseconds(200), 0.5));
}

TEST(RetrySchedule, AnswersWorthKeepingEndTheRequest) {
  RetryPolicy p;
  RetrySchedule schedule(p);
  for (long s : {200L, 201L, 400L, 404L, 409L, 422L}) {
    EXPECT_FALSE(schedule.next_wait(status(s), milliseconds(0), 0.5)) << s;
  }
}

TEST(RetrySchedule, HonoursRetryAfterOn503And429) {
  RetryPolicy p;
  RetrySchedule schedule(p);
  EXPECT_EQ(schedule.next_wait(status(503, milliseconds(3000)), milliseconds(0), 0.0),
            milliseconds(3000));
  EXPECT_EQ(schedule.next_wait(status(429, milliseconds(2000)), milliseconds(3000), 0.0),
            milliseconds(2000));
}

TEST(RetrySchedule, RetryAfterIsHonouredEvenPastTheBudgetButNoRetryStartsOnceItIsSpent) {
  RetryPolicy p;
  p.retry_for = milliseconds(5000);
  RetrySchedule schedule(p);
  // S2 answers 503 with Retry-After: 5 while a store is busy; 1 s is left of the budget.
  EXPECT_EQ(schedule.next_wait(status(503, milliseconds(5000)), milliseconds(4000), 0.5),
            milliseconds(5000));
  EXPECT_FALSE(schedule.next_wait(status(503, milliseconds(5000)), milliseconds(9000), 0.5));
}

TEST(RetrySchedule, AKeyInUseIsWaitedOutWithoutSpendingTheBudget) {
  RetryPolicy p;
  p.retry_for = milliseconds(1000);
  RetrySchedule schedule(p);
  auto elapsed = milliseconds(0);
  // Twenty seconds on a key held by an attempt S2 lost: far beyond the retry budget.
  while (elapsed < milliseconds(20'000)) {
    const auto wait = schedule.next_wait({409, true, std::nullopt}, elapsed, 0.5);
    ASSERT_TRUE(wait);
    EXPECT_GT(*wait, milliseconds(0));
    elapsed += *wait;
  }
  // Then a 503: the budget is still whole.
  EXPECT_TRUE(schedule.next_wait(status(503), elapsed, 0.5));
  EXPECT_EQ(schedule.retries_used(), 1);
}

TEST(RetrySchedule, PatienceWithAKeyInUseEnds) {
  RetryPolicy p;
  p.key_in_use_patience = milliseconds(5000);
  RetrySchedule schedule(p);
  auto elapsed = milliseconds(0);
  int waits = 0;
  while (const auto wait = schedule.next_wait({409, true, std::nullopt}, elapsed, 0.5)) {
    elapsed += *wait;
    ASSERT_LT(++waits, 1000);
  }
  EXPECT_GE(elapsed, p.key_in_use_patience);
}

}  // namespace
