// Idempotency-Key records against the real Redis: begin / complete / replay / mismatch /
// in_progress / abandon, the short lock of a running record, taking over from an attempt that
// died (with the same promised id), and the 24 h life of a record.
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
const std::string kPromised = "0190c3e2-0000-7000-8000-000000000001";

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
  const auto begun = records_.begin(kKey, "fp", kPromised);
  EXPECT_EQ(begun.outcome, Outcome::started);
  EXPECT_EQ(begun.promised_id, kPromised);
  auto c = inspector();
  const auto now = c.command({"TIME"});
  const auto now_ms = std::stoll(redis::reply_text(now->element[0])) * 1000;
  const auto locked_until =
      std::stoll(redis::reply_text(c.command({"HGET", kRecord, "locked_until"}).get()));
  // The default lease, 5 s, renewed while the request runs (IdempotencyLeases).
  EXPECT_GT(locked_until, now_ms + 3'000);
  EXPECT_LE(locked_until, now_ms + 6'000);
  EXPECT_EQ(redis::reply_text(c.command({"HGET", kRecord, "state"}).get()), "running");
  EXPECT_EQ(redis::reply_text(c.command({"HGET", kRecord, "promised_id"}).get()), kPromised);
  EXPECT_GT(c.command({"PTTL", kRecord})->integer, 23 * 3600 * 1000LL);
}

TEST_F(IdempotencyTest, ARepeatWhileRunningIsInProgress) {
  ASSERT_EQ(records_.begin(kKey, "fp", kPromised).outcome, Outcome::started);
  EXPECT_EQ(records_.begin(kKey, "fp", kPromised).outcome, Outcome::in_progress);
}

TEST_F(IdempotencyTest, AnotherBodyIsAMismatchWhileRunningAndWhenDone) {
  ASSERT_EQ(records_.begin(kKey, "fp", kPromised).outcome, Outcome::started);
  EXPECT_EQ(records_.begin(kKey, "other", kPromised).outcome, Outcome::mismatch);
  records_.complete(done());
  EXPECT_EQ(records_.begin(kKey, "other", kPromised).outcome, Outcome::mismatch);
}

TEST_F(IdempotencyTest, ACompletedRecordIsReplayedWithStatusBodyTypeAndLocation) {
  ASSERT_EQ(records_.begin(kKey, "fp", kPromised).outcome, Outcome::started);
  records_.complete(done());
  const auto again = records_.begin(kKey, "fp", kPromised);
  EXPECT_EQ(again.outcome, Outcome::replay);
  EXPECT_EQ(again.response.status, 201);
  EXPECT_EQ(again.response.body, R"({"id":7,"name":"Ana"})");
  EXPECT_EQ(again.response.content_type, "application/json");
  EXPECT_EQ(again.response.location, "/customers/7");
}

TEST_F(IdempotencyTest, A4xxAnswerWithoutLocationIsReplayedToo) {
  ASSERT_EQ(records_.begin(kKey, "fp", kPromised).outcome, Outcome::started);
  records_.complete(
      {kKey, "fp", StoredResponse{409, "{\"status\":409}", "application/problem+json", ""}});
  const auto again = records_.begin(kKey, "fp", kPromised);
  EXPECT_EQ(again.outcome, Outcome::replay);
  EXPECT_EQ(again.response.status, 409);
  EXPECT_EQ(again.response.content_type, "application/problem+json");
  EXPECT_EQ(again.response.location, "");
}

TEST_F(IdempotencyTest, ACompletedRecordIsKeptFor24Hours) {
  ASSERT_EQ(records_.begin(kKey, "fp", kPromised).outcome, Outcome::started);
  records_.complete(done());
  auto c = inspector();
  const auto ttl = c.command({"PTTL", kRecord})->integer;
  EXPECT_GT(ttl, 24 * 3600 * 1000LL - 60'000);
  EXPECT_LE(ttl, 24 * 3600 * 1000LL);
}

TEST_F(IdempotencyTest, AbandonLetsTheNextRequestRunAgainWithTheSamePromisedId) {
  ASSERT_EQ(records_.begin(kKey, "fp", kPromised).outcome, Outcome::started);
  records_.abandon(kKey);
  const auto again = records_.begin(kKey, "fp", "0190c3e2-0000-7000-8000-000000000002");
  EXPECT_EQ(again.outcome, Outcome::started);
  EXPECT_EQ(again.promised_id, kPromised);
}

TEST_F(IdempotencyTest, AbandonLeavesACompletedRecordAlone) {
  ASSERT_EQ(records_.begin(kKey, "fp", kPromised).outcome, Outcome::started);
  records_.complete(done());
  records_.abandon(kKey);
  EXPECT_EQ(records_.begin(kKey, "fp", kPromised).outcome, Outcome::replay);
}

TEST_F(IdempotencyTest, AnAttemptTakesOverFromACrashedOneAfterTheLockWithTheSamePromisedId) {
  auto settings = redis_settings();
  settings.idempotency_lock = std::chrono::milliseconds(300);
  RedisStore short_lock(settings, metrics_);
  ASSERT_EQ(short_lock.idempotency().begin(kKey, "fp", kPromised).outcome, Outcome::started);
  EXPECT_EQ(short_lock.idempotency().begin(kKey, "fp", kPromised).outcome, Outcome::in_progress);
  std::this_thread::sleep_for(std::chrono::milliseconds(450));
  const auto taken =
      short_lock.idempotency().begin(kKey, "fp", "0190c3e2-0000-7000-8000-0000000000ff");
  EXPECT_EQ(taken.outcome, Outcome::started);
  EXPECT_EQ(taken.promised_id, kPromised);
  // The one that took over holds the lock now.
  EXPECT_EQ(short_lock.idempotency().begin(kKey, "fp", kPromised).outcome, Outcome::in_progress);
}

TEST_F(IdempotencyTest, ARenewedLeaseOutlivesItsLengthAndAnUnrenewedOneLapses) {
  auto settings = redis_settings();
  settings.idempotency_lock = std::chrono::milliseconds(300);
  RedisStore short_lock(settings, metrics_);
  auto& records = short_lock.idempotency();
  const std::string other = "POST /orders renewed-alongside";
  ASSERT_EQ(records.begin(kKey, "fp", kPromised).outcome, Outcome::started);
  ASSERT_EQ(records.begin(other, "fp", kPromised).outcome, Outcome::started);
  // Twice the lease, renewed well within it: the request still owns its key.
  for (int tick = 0; tick < 6; ++tick) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    records.renew({kKey, other, "POST /orders never-begun"});
  }
  EXPECT_EQ(records.begin(kKey, "fp", kPromised).outcome, Outcome::in_progress);
  EXPECT_EQ(records.begin(other, "fp", kPromised).outcome, Outcome::in_progress);
  // Renewal stops (the request died): the lease lapses and a retry takes over.
  std::this_thread::sleep_for(std::chrono::milliseconds(450));
  const auto taken = records.begin(kKey, "fp", "0190c3e2-0000-7000-8000-0000000000ff");
  EXPECT_EQ(taken.outcome, Outcome::started);
  EXPECT_EQ(taken.promised_id, kPromised);
  // Renewing never creates a record, nor touches a completed one.
  EXPECT_EQ(records.begin("POST /orders never-begun", "fp", kPromised).outcome, Outcome::started);
  records.complete(done());
  records.renew({kKey});
  EXPECT_EQ(records.begin(kKey, "fp", kPromised).outcome, Outcome::replay);
}

TEST_F(IdempotencyTest, KeysAreIndependent) {
  ASSERT_EQ(records_.begin(kKey, "fp", kPromised).outcome, Outcome::started);
  EXPECT_EQ(records_.begin("POST /orders abc-123", "fp", kPromised).outcome, Outcome::started);
}

TEST_F(IdempotencyTest, ConcurrentFirstRequestsStartExactlyOnce) {
  std::atomic<int> started{0};
  std::atomic<int> in_progress{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      const auto outcome = records_.begin(kKey, "fp", kPromised).outcome;
      if (outcome == Outcome::started) ++started;
      if (outcome == Outcome::in_progress) ++in_progress;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(started.load(), 1);
  EXPECT_EQ(in_progress.load(), 7);
}

TEST_F(IdempotencyTest, TheScriptIsReloadedAfterRedisForgetsIt) {
  ASSERT_EQ(records_.begin(kKey, "fp", kPromised).outcome, Outcome::started);
  inspector().command({"SCRIPT", "FLUSH"});
  EXPECT_EQ(records_.begin(kKey, "fp", kPromised).outcome, Outcome::in_progress);
}

}  // namespace
}  // namespace ld::test
