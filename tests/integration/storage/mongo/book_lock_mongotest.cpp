// Book locks as leases, against the real MongoDB-compatible server: a lock whose holder keeps
// renewing it is never broken, however long it is held; one whose holder stopped renewing it
// (killed, or cut off by an outage) is broken by the next writer after about kLockLease, with
// no clock but the writer's own; and any number of writers breaking one dead lock at once still
// take the book one at a time.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "mongo_test_support.hpp"
#include "storage/mongo/book_lock.hpp"
#include "storage/mongo/book_lookup.hpp"
#include "support/test_env.hpp"

namespace ld::test {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

class BookLockLease : public ::testing::Test {
 protected:
  BookLockLease() {
    test_store();  // the driver is set up, the test database is there
    bson_oid_init(&book_, nullptr);
    Locks setup;
    mongo::ensure_book_lock_index(setup.collection.get());
  }

  // A client and the book_locks collection of the test database, for one thread.
  struct Locks {
    std::unique_ptr<mongoc_client_t, void (*)(mongoc_client_t*)> client{
        mongoc_client_new(mongo_url().c_str()), mongoc_client_destroy};
    mongo::Collection collection{
        mongoc_client_get_collection(client.get(), mongo_db().c_str(), mongo::kBookLocks)};
  };

  // Renews the locks held through it every 200 ms, on a client of its own.
  std::unique_ptr<Leases> renewing() {
    auto locks = std::make_shared<Locks>();
    return std::make_unique<Leases>(
        [locks](const std::vector<std::string>& tokens) {
          mongo::renew_book_locks(locks->collection.get(), tokens);
        },
        200ms);
  }

  bson_oid_t book_;
};

TEST_F(BookLockLease, ALockRenewedByItsHolderIsNeverBroken) {
  const auto leases = renewing();
  Locks mine;
  const mongo::BookLock held(mine.collection.get(), *leases, book_, 1s);
  // Another writer waits for longer than a lease: the beats keep the lock its holder's.
  std::thread other([&] {
    Locks theirs;
    Leases never([](const std::vector<std::string>&) {}, 1h);
    EXPECT_THROW(mongo::BookLock(theirs.collection.get(), never, book_, mongo::kLockLease + 2s),
                 StoreUnavailable);
  });
  other.join();
}

TEST_F(BookLockLease, ALockNobodyRenewsIsBrokenAfterAboutOneLease) {
  Leases dead([](const std::vector<std::string>&) {}, 1h);  // its holder's thread died with it
  Locks theirs;
  // Left behind: the holder never gives it back either (until the end of the test).
  auto abandoned = std::make_unique<mongo::BookLock>(theirs.collection.get(), dead, book_, 1s);
  const auto start = Clock::now();
  const auto leases = renewing();
  Locks mine;
  std::unique_ptr<mongo::BookLock> taken;
  // Each wait gives up after 1 s, as a request would; the next one goes on watching the lock.
  while (!taken && Clock::now() - start < 30s) {
    try {
      taken = std::make_unique<mongo::BookLock>(mine.collection.get(), *leases, book_, 1s);
    } catch (const StoreUnavailable&) {
    }
  }
  ASSERT_TRUE(taken) << "the dead holder's lock was never broken";
  const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
  EXPECT_GE(waited, mongo::kLockLease);  // not before its holder could count as dead
  RecordProperty("dead_lock_broken_after_ms", static_cast<int>(waited.count()));
  taken.reset();
  // The dead holder's late release finds nothing of its own to delete.
  abandoned.reset();
  Locks check;
  const auto again = std::make_unique<mongo::BookLock>(check.collection.get(), *leases, book_, 1s);
  EXPECT_TRUE(again);
}

// Eight writers find the same dead lock and break it at once, as writers in several S2s could.
// Each deletes the dead lock by its own _id, so none can delete the lock another one took
// meanwhile: the book is still held by one writer at a time.
TEST_F(BookLockLease, WritersBreakingOneDeadLockAtOnceStillTakeTheBookOneAtATime) {
  Leases dead([](const std::vector<std::string>&) {}, 1h);
  Locks theirs;
  const auto abandoned =
      std::make_unique<mongo::BookLock>(theirs.collection.get(), dead, book_, 1s);
  const auto leases = renewing();
  constexpr int kWriters = 8;
  constexpr int kTurns = 3;
  std::atomic<int> inside{0};
  std::atomic<int> most_inside{0};
  std::atomic<int> turns{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&] {
      Locks mine;
      const auto give_up = Clock::now() + 60s;
      for (int taken = 0; taken < kTurns && Clock::now() < give_up;) {
        try {
          const mongo::BookLock lock(mine.collection.get(), *leases, book_, 1s);
          const int now = ++inside;
          int most = most_inside.load();
          while (now > most && !most_inside.compare_exchange_weak(most, now)) {
          }
          std::this_thread::sleep_for(5ms);  // a write under the lock
          --inside;
          ++taken;
          ++turns;
        } catch (const StoreUnavailable&) {
          // waited 1 s, as a request would; the next try goes on watching the lock
        }
      }
    });
  }
  for (auto& writer : writers) writer.join();
  EXPECT_EQ(turns.load(), kWriters * kTurns);
  EXPECT_EQ(most_inside.load(), 1) << "two writers held the book at once";
}

}  // namespace
}  // namespace ld::test
