// What keeps concurrent writes to one book from losing one (storage/mongo/book_writes.hpp), on the
// server the tests run against: no lock document per write where the server makes each update
// atomic, and a write made from a stale read refused where that takes FerretDB's revision guard.
#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/books/book_input.hpp"
#include "integration/storage/mongo/mongo_test_support.hpp"
#include "storage/mongo/book_document.hpp"
#include "storage/mongo/book_lookup.hpp"
#include "storage/mongo/book_writes.hpp"
#include "storage/mongo/mongo_errors.hpp"
#include "support/test_env.hpp"

namespace ld::test {

namespace {

std::string book_with_stock(std::int64_t stock) {
  return test_store()
      .books()
      .create(books::read_new_book({{"title", "Revisão"}, {"stock", stock}}))
      .id;
}

std::string order_id(int n) {
  return fmt::format("0190c3e2-0000-7000-8001-{:012d}", n);
}

// Writes `doc` back over the stored book, as FerretDB writes back an update computed from it.
bool write_back(const mongo::Bson& doc, const bson_oid_t& oid, bson_error_t* error) {
  mongo::MongoPool pool(mongo_url(), 1, std::chrono::milliseconds(3000), test_metrics());
  auto client = pool.acquire();
  auto books = client.collection(mongo_db(), "books");
  const mongo::Bson filter = mongo::id_filter(oid);
  return mongoc_collection_replace_one(books.get(), filter.get(), doc.get(), nullptr, nullptr,
                                       error);
}

}  // namespace

TEST(BookWrites, TheTestServerNeedsNoLockDocumentPerWrite) {
  EXPECT_NE(test_store().book_write_guard(), mongo::BookWriteGuard::lock_per_write)
      << "FerretDB runs without scripts/sql/ferretdb_revision_guard.sql (scripts/stores.sh "
         "installs it)";
  EXPECT_EQ(locking_test_store().book_write_guard(), mongo::BookWriteGuard::lock_per_write);
}

// What S2 learned at start is what the server does with a write-back made from an overtaken
// read: FerretDB with the revision guard refuses it and keeps the stock the hold left; MongoDB,
// whose updates are atomic without any guard, takes any whole-document write it is sent.
TEST(BookWrites, AWriteBackFromAnOvertakenReadIsRefusedExactlyWhereTheGuardWasLearned) {
  const auto id = book_with_stock(10);
  const auto oid = *mongo::parse_oid(id);
  auto stale = raw_book(id);
  ASSERT_TRUE(stale);
  ASSERT_EQ(test_store().stock().hold_stock(id, order_id(1), 1), StockReservation::reserved);

  // The stale read, changed and bumped by one as every update is: its revision is now taken.
  mongo::Bson changed;
  bson_copy_to_excluding_noinit(stale->get(), changed.get(), mongo::kRevision, "stock", nullptr);
  bson_append_int64(changed.get(), "stock", -1, 3);
  bson_append_int64(changed.get(), mongo::kRevision, -1, mongo::revision_of(stale->get()) + 1);
  bson_error_t error;
  const bool refused = !write_back(changed, oid, &error);
  const bool guarded = test_store().book_write_guard() == mongo::BookWriteGuard::revision_guarded;
  EXPECT_EQ(refused, guarded) << error.message;
  EXPECT_EQ(refused && mongo::is_stale_write(error), guarded) << error.message;
  EXPECT_EQ(test_store().books().find(id)->stock(), guarded ? 9 : 3);

  // Made from the current revision, the same write goes through.
  auto fresh = raw_book(id);
  ASSERT_TRUE(fresh);
  mongo::Bson current;
  bson_copy_to_excluding_noinit(fresh->get(), current.get(), mongo::kRevision, nullptr);
  bson_append_int64(current.get(), mongo::kRevision, -1, mongo::revision_of(fresh->get()) + 1);
  EXPECT_TRUE(write_back(current, oid, &error)) << error.message;
}

TEST(BookWrites, ChangesAndReservationsRacingOnOneBookLoseNothing) {
  constexpr std::int64_t kStock = 500;
  constexpr int kTakers = 4;
  constexpr int kOrdersEach = 12;
  constexpr int kChanges = 10;
  const auto id = book_with_stock(kStock);
  std::atomic<int> reserved{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kTakers; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kOrdersEach; ++i) {
        for (;;) {
          try {
            if (test_store().stock().hold_stock(id, order_id(100 * t + i), 1) ==
                StockReservation::reserved) {
              ++reserved;
            }
            break;
          } catch (const StoreUnavailable&) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));  // as a client's retry
          }
        }
      }
    });
  }
  // Each change reads the book and writes it whole, as PATCH /books/{id} does.
  threads.emplace_back([&] {
    for (int i = 0; i < kChanges; ++i) {
      for (;;) {
        try {
          const auto read = test_store().books().find(id);
          ASSERT_TRUE(read);
          Book changed = *read;
          changed.fields["title"] = fmt::format("Revisão {}", i);
          ASSERT_TRUE(test_store().books().update(*read, changed));
          break;
        } catch (const StoreUnavailable&) {
          std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
      }
    }
  });
  for (auto& t : threads) t.join();
  const auto book = test_store().books().find(id);
  ASSERT_TRUE(book);
  EXPECT_EQ(reserved.load(), kTakers * kOrdersEach);
  EXPECT_EQ(book->stock(), kStock - kTakers * kOrdersEach);
  EXPECT_EQ(book->fields.at("title"), fmt::format("Revisão {}", kChanges - 1));
  int holds = 0;
  for (const auto& hold : test_store().stock().holds_taken_before(clock::now_ms() + 1000, 10'000)) {
    if (hold.book_id == id) ++holds;
  }
  EXPECT_EQ(holds, kTakers * kOrdersEach);
}

}  // namespace ld::test
