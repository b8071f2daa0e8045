// Book locks as leases, against the real MongoDB-compatible server: a lock whose holder keeps
// renewing it is never broken, however long it is held; one whose holder stopped renewing it
// (killed, or cut off by an outage) is broken by the next writer after about kLockLease, with
// no clock but the writer's own.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <thread>

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
  }

  // A client and the book_locks collection of the test database, for one thread.
  struct Locks {
    std::unique_ptr<mongoc_client_t, void (*)(mongoc_client_t*)> client{
        mongoc_client_new(mongo_url().c_str()), mongoc_client_destroy};
    mongo::Collection collection{
        mongoc_client_get_collection(client.get(), mongo_db().c_str(), "book_locks")};
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

}  // namespace
}  // namespace ld::test
