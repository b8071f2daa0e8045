// Idempotency-Key records against the real Redis: begin / complete / replay / mismatch /
// in_progress / abandon, the short lock of a running record and the 24 h life of a done one.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "redis_fixture.hpp"

namespace ld::test {
namespace {

using Outcome = IdempotencyStore::Outcome;
using ::testing::UnorderedElementsAre;

const std::string kKey = "POST /customers abc-123";
const std::string kRecord = "{ld}:idempotency:POST /customers abc-123";

class IdempotencyTest : public RedisTest {
 protected:
  RedisStore store_{redis_settings(), metrics_};
  IdempotencyStore& records_ = store_.idempotency();

  IdempotencyOutcome done(std::string fingerprint = "fp") {
    return {kKey, std::move(fingerprint),
            StoredResponse{201, R"({"id":7,"name":"Ana"})", "application/json", "/customers/7"}};
  }
};

TEST_F(IdempotencyTest, TheFirstRequestStartsARunningRecordWithAShortLock) {
  EXPECT_EQ(records_.begin(kKey, "fp").outcome, Outcome::started);
  auto c = inspector();
  EXPECT_THAT(strings(c.command({"HGETALL", kRecord})),
              UnorderedElementsAre("state", "running", "fingerprint", "fp"));
  const auto ttl = c.command({"PTTL", kRecord})->integer;
  EXPECT_GT(ttl, 50'000);
  EXPECT_LE(ttl, 60'000);
}

TEST_F(IdempotencyTest, ARepeatWhileRunningIsInProgress) {
  ASSERT_EQ(records_.begin(kKey, "fp").outcome, Outcome::started);
  EXPECT_EQ(records_.begin(kKey, "fp").outcome, Outcome::in_progress);
}

TEST_F(IdempotencyTest, AnotherBodyIsAMismatchWhileRunningAndWhenDone) {
  ASSERT_EQ(records_.begin(kKey, "fp").outcome, Outcome::started);
  EXPECT_EQ(records_.begin(kKey, "other").outcome, Outcome::mismatch);
  records_.complete(done());
  EXPECT_EQ(records_.begin(kKey, "other").outcome, Outcome::mismatch);
}

TEST_F(IdempotencyTest, ACompletedRecordIsReplayedWithStatusBodyTypeAndLocation) {
  ASSERT_EQ(records_.begin(kKey, "fp").outcome, Outcome::started);
  records_.complete(done());
  const auto again = records_.begin(kKey, "fp");
  EXPECT_EQ(again.outcome, Outcome::replay);
  EXPECT_EQ(again.response.status, 201);
  EXPECT_EQ(again.response.body, R"({"id":7,"name":"Ana"})");
  EXPECT_EQ(again.response.content_type, "application/json");
  EXPECT_EQ(again.response.location, "/customers/7");
}

TEST_F(IdempotencyTest, A4xxAnswerWithoutLocationIsReplayedToo) {
  ASSERT_EQ(records_.begin(kKey, "fp").outcome, Outcome::started);
  records_.complete(
      {kKey, "fp", StoredResponse{409, "{\"status\":409}", "application/problem+json", ""}});
  const auto again = records_.begin(kKey, "fp");
  EXPECT_EQ(again.outcome, Outcome::replay);
  EXPECT_EQ(again.response.status, 409);
  EXPECT_EQ(again.response.content_type, "application/problem+json");
  EXPECT_EQ(again.response.location, "");
}

TEST_F(IdempotencyTest, ACompletedRecordIsKeptFor24Hours) {
  ASSERT_EQ(records_.begin(kKey, "fp").outcome, Outcome::started);
  records_.complete(done());
  auto c = inspector();
  const auto ttl = c.command({"PTTL", kRecord})->integer;
  EXPECT_GT(ttl, 24 * 3600 * 1000LL - 60'000);
  EXPECT_LE(ttl, 24 * 3600 * 1000LL);
}

TEST_F(IdempotencyTest, AbandonLetsTheNextRequestRunAgain) {
  ASSERT_EQ(records_.begin(kKey, "fp").outcome, Outcome::started);
  records_.abandon(kKey);
  EXPECT_EQ(inspector().command({"EXISTS", kRecord})->integer, 0);
  EXPECT_EQ(records_.begin(kKey, "fp").outcome, Outcome::started);
}

TEST_F(IdempotencyTest, ARunningRecordOfACrashedServerFreesItsKeyAfterTheLock) {
  auto settings = redis_settings();
  settings.idempotency_lock = std::chrono::milliseconds(300);
  RedisStore short_lock(settings, metrics_);
  ASSERT_EQ(short_lock.idempotency().begin(kKey, "fp").outcome, Outcome::started);
  EXPECT_EQ(short_lock.idempotency().begin(kKey, "fp").outcome, Outcome::in_progress);
  std::this_thread::sleep_for(std::chrono::milliseconds(450));
  EXPECT_EQ(short_lock.idempotency().begin(kKey, "fp").outcome, Outcome::started);
}

TEST_F(IdempotencyTest, KeysAreIndependent) {
  ASSERT_EQ(records_.begin(kKey, "fp").outcome, Outcome::started);
  EXPECT_EQ(records_.begin("POST /orders abc-123", "fp").outcome, Outcome::started);
}

TEST_F(IdempotencyTest, ConcurrentFirstRequestsStartExactlyOnce) {
  std::atomic<int> started{0};
  std::atomic<int> in_progress{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      const auto outcome = records_.begin(kKey, "fp").outcome;
      if (outcome == Outcome::started) ++started;
      if (outcome == Outcome::in_progress) ++in_progress;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(started.load(), 1);
  EXPECT_EQ(in_progress.load(), 7);
}

TEST_F(IdempotencyTest, TheScriptIsReloadedAfterRedisForgetsIt) {
  ASSERT_EQ(records_.begin(kKey, "fp").outcome, Outcome::started);
  inspector().command({"SCRIPT", "FLUSH"});
  EXPECT_EQ(records_.begin(kKey, "fp").outcome, Outcome::in_progress);
}

}  // namespace
}  // namespace ld::test
