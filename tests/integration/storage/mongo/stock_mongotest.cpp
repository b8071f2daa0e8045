// Stock held for orders: an atomic conditional decrement that never goes below zero and records
// the hold in the book, so a retried order takes nothing twice and a hold is given back once.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/books/book_input.hpp"
#include "integration/storage/mongo/mongo_test_support.hpp"

namespace ld::test {

namespace {

BookRepository& repo() {
  return test_store().books();
}

StockLedger& stock() {
  return test_store().stock();
}

std::string book_with_stock(std::optional<std::int64_t> stock) {
  nlohmann::json body = {{"title", "Estoque"}};
  if (stock) body["stock"] = *stock;
  return repo().create(books::read_new_book(body)).id;
}

std::optional<std::int64_t> stock_of(const std::string& id) {
  return repo().find(id)->stock();
}

std::string order_id(int n) {
  return fmt::format("0190c3e2-0000-7000-8000-{:012d}", n);
}

int holds_of(const std::string& book_id) {
  int n = 0;
  for (const auto& hold : stock().holds_taken_before(clock::now_ms() + 1000, 10'000)) {
    if (hold.book_id == book_id) ++n;
  }
  return n;
}

// The stored book's stock_pending marker, by which the sweeper finds books with entries.
bool marked_pending(const std::string& book_id) {
  const auto doc = raw_book(book_id);
  if (!doc) return false;
  bson_iter_t iter;
  return bson_iter_init_find(&iter, doc->get(), "stock_pending") && BSON_ITER_HOLDS_BOOL(&iter) &&
         bson_iter_bool(&iter);
}

// Runs `step` for `orders` orders on each of `threads` threads at once (order ids from `first`
// on), running a step again after a StoreUnavailable, as a client retries a 503.
void orders_on_threads(int threads, int orders, int first,
                       const std::function<void(const std::string& order, int thread)>& step) {
  std::vector<std::thread> running;
  for (int t = 0; t < threads; ++t) {
    running.emplace_back([&, t] {
      for (int i = 0; i < orders; ++i) {
        const auto order = order_id(first + 100 * t + i);
        for (;;) {
          try {
            step(order, t);
            break;
          } catch (const StoreUnavailable&) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
          }
        }
      }
    });
  }
  for (auto& t : running) t.join();
}

}  // namespace

TEST(Stock, AReservationTakesTheQuantity) {
  const auto id = book_with_stock(5);
  EXPECT_EQ(stock().hold_stock(id, order_id(1), 2), StockReservation::reserved);
  EXPECT_EQ(stock_of(id), 3);
}

TEST(Stock, TheLastUnitsCanBeReserved) {
  const auto id = book_with_stock(2);
  EXPECT_EQ(stock().hold_stock(id, order_id(1), 2), StockReservation::reserved);
  EXPECT_EQ(stock_of(id), 0);
}

TEST(Stock, NotEnoughStockTakesNothing) {
  const auto id = book_with_stock(1);
  EXPECT_EQ(stock().hold_stock(id, order_id(1), 2), StockReservation::insufficient);
  EXPECT_EQ(stock_of(id), 1);
}

TEST(Stock, ABookWithoutStockIsUnlimited) {
  const auto id = book_with_stock(std::nullopt);
  EXPECT_EQ(stock().hold_stock(id, order_id(1), 100), StockReservation::unlimited);
  EXPECT_FALSE(stock_of(id));
}

TEST(Stock, AMissingBookIsReportedMissing) {
  EXPECT_EQ(stock().hold_stock("65f0a1b2c3d4e5f6a7b8c9d0", order_id(1), 1),
            StockReservation::missing);
}

TEST(Stock, AHoldIsRecordedInTheBookButNeverShown) {
  const auto id = book_with_stock(4);
  ASSERT_EQ(stock().hold_stock(id, order_id(1), 3), StockReservation::reserved);
  const auto holds = stock().holds_taken_before(clock::now_ms() + 1000, 10'000);
  const auto it = std::find_if(holds.begin(), holds.end(),
                               [&](const StockHoldEntry& h) { return h.book_id == id; });
  ASSERT_NE(it, holds.end());
  EXPECT_EQ(it->order_id, order_id(1));
  EXPECT_EQ(it->quantity, 3);
  EXPECT_NEAR(static_cast<double>(it->taken_at), static_cast<double>(clock::now_ms()), 60'000);
  EXPECT_FALSE(repo().find(id)->fields.contains("stock_holds"));
}

TEST(Stock, TheSameOrderTakingAgainTakesNothingMore) {
  const auto id = book_with_stock(4);
  ASSERT_EQ(stock().hold_stock(id, order_id(1), 3), StockReservation::reserved);
  EXPECT_EQ(stock().hold_stock(id, order_id(1), 3), StockReservation::already_held);
  EXPECT_EQ(stock_of(id), 1);
  EXPECT_EQ(holds_of(id), 1);
}

TEST(Stock, ReleasingAHoldGivesTheQuantityBackOnce) {
  const auto id = book_with_stock(4);
  ASSERT_EQ(stock().hold_stock(id, order_id(1), 3), StockReservation::reserved);
  stock().release_hold(id, order_id(1));
  stock().release_hold(id, order_id(1));
  EXPECT_EQ(stock_of(id), 4);
  EXPECT_EQ(holds_of(id), 0);
}

TEST(Stock, SettlingAHoldKeepsTheStockTakenAndForgetsTheHold) {
  const auto id = book_with_stock(4);
  ASSERT_EQ(stock().hold_stock(id, order_id(1), 3), StockReservation::reserved);
  ASSERT_EQ(stock().hold_stock(id, order_id(2), 1), StockReservation::reserved);
  stock().settle_hold(id, order_id(1));
  EXPECT_EQ(holds_of(id), 1);
  stock().settle_hold(id, order_id(2));
  stock().release_hold(id, order_id(2));  // settled: nothing left to give back
  EXPECT_EQ(stock_of(id), 0);
  EXPECT_EQ(holds_of(id), 0);
}

// A stored order settles its own hold with one write made from the hold's answer, no read first.
TEST(Stock, AStoredOrderSettlesItsHoldFromTheHoldsOwnAnswer) {
  const auto id = book_with_stock(4);
  const auto held = stock().hold_book_stock(id, order_id(1), 3);
  ASSERT_EQ(held.reservation, StockReservation::reserved);
  ASSERT_TRUE(held.receipt);
  EXPECT_TRUE(held.receipt->only_record);
  EXPECT_TRUE(stock().settle_hold_as_held(id, order_id(1), *held.receipt));
  EXPECT_EQ(holds_of(id), 0);
  EXPECT_FALSE(marked_pending(id));
  EXPECT_EQ(stock_of(id), 1);
  stock().release_hold(id, order_id(1));  // settled: nothing left to give back
  EXPECT_EQ(stock_of(id), 1);
}

TEST(Stock, SettlingFromAnAnswerKeepsTheBooksOtherEntries) {
  const auto id = book_with_stock(4);
  ASSERT_EQ(stock().hold_stock(id, order_id(1), 1), StockReservation::reserved);
  const auto held = stock().hold_book_stock(id, order_id(2), 1);
  ASSERT_TRUE(held.receipt);
  EXPECT_FALSE(held.receipt->only_record);
  EXPECT_TRUE(stock().settle_hold_as_held(id, order_id(2), *held.receipt));
  EXPECT_EQ(holds_of(id), 1);
  EXPECT_TRUE(marked_pending(id));
  stock().settle_hold(id, order_id(1));
  EXPECT_EQ(holds_of(id), 0);
  EXPECT_FALSE(marked_pending(id));
  EXPECT_EQ(stock_of(id), 2);
}

// The answer no longer describes a book written since: the settle writes nothing, so it can
// neither drop the later hold nor take the marker off while that hold remains.
TEST(Stock, AnAnswerTheBookMovedPastSettlesNothing) {
  const auto id = book_with_stock(4);
  const auto held = stock().hold_book_stock(id, order_id(1), 1);
  ASSERT_TRUE(held.receipt);
  ASSERT_EQ(stock().hold_stock(id, order_id(2), 1), StockReservation::reserved);
  EXPECT_FALSE(stock().settle_hold_as_held(id, order_id(1), *held.receipt));
  EXPECT_EQ(holds_of(id), 2);
  EXPECT_TRUE(marked_pending(id));
  EXPECT_EQ(stock_of(id), 2);
}

TEST(Stock, WhereEachWriteNeedsALockTheSweepSettles) {
  auto& locking = locking_test_store().stock();
  const auto id = book_with_stock(4);
  const auto held = locking.hold_book_stock(id, order_id(1), 1);
  ASSERT_TRUE(held.receipt);
  EXPECT_FALSE(locking.settle_hold_as_held(id, order_id(1), *held.receipt));
  EXPECT_EQ(holds_of(id), 1);
  locking.settle_hold(id, order_id(1));
  EXPECT_EQ(holds_of(id), 0);
}

// The sweep settles a book's holds together: one step forgets those of the orders named (each
// once, however often named; an order without a hold here is skipped), keeps the others, and
// takes the marker off only with the book's last entry.
TEST(Stock, SettlingSeveralHoldsAtOnceForgetsExactlyThose) {
  const auto id = book_with_stock(10);
  for (int n = 1; n <= 4; ++n) {
    ASSERT_EQ(stock().hold_stock(id, order_id(n), n), StockReservation::reserved);
  }
  stock().settle_holds(id, {order_id(1), order_id(3), order_id(3), order_id(99)});
  EXPECT_EQ(holds_of(id), 2);
  EXPECT_TRUE(marked_pending(id));
  EXPECT_EQ(stock_of(id), 0);
  stock().release_hold(id, order_id(3));  // settled: nothing left to give back
  EXPECT_EQ(stock_of(id), 0);
  stock().settle_holds(id, {order_id(2), order_id(4)});
  EXPECT_EQ(holds_of(id), 0);
  EXPECT_FALSE(marked_pending(id));
  EXPECT_EQ(stock_of(id), 0);
}

TEST(Stock, HoldsYoungerThanTheCutOffAreNotListed) {
  const auto id = book_with_stock(4);
  ASSERT_EQ(stock().hold_stock(id, order_id(1), 1), StockReservation::reserved);
  for (const auto& hold : stock().holds_taken_before(clock::now_ms() - 60'000, 10'000)) {
    EXPECT_NE(hold.book_id, id);
  }
}

TEST(Stock, ChangingABookKeepsItsHolds) {
  const auto id = book_with_stock(4);
  ASSERT_EQ(stock().hold_stock(id, order_id(1), 3), StockReservation::reserved);
  const auto read = *repo().find(id);
  auto book = read;
  book.fields["title"] = "Estoque revisto";
  ASSERT_TRUE(repo().update(read, book));
  EXPECT_EQ(holds_of(id), 1);
  stock().release_hold(id, order_id(1));
  EXPECT_EQ(stock_of(id), 4);
}

// Holds move the stock without a new version of the book: a change made from a version read
// before a hold keeps the copies the hold took.
TEST(Stock, ChangingABookKeepsTheCopiesTakenSinceItWasRead) {
  const auto id = book_with_stock(4);
  const auto read = *repo().find(id);
  ASSERT_EQ(stock().hold_stock(id, order_id(2), 3), StockReservation::reserved);
  auto book = read;
  book.fields["page_count"] = 101;
  ASSERT_TRUE(repo().update(read, book));
  EXPECT_EQ(stock_of(id), 1);
  stock().settle_hold(id, order_id(2));
  EXPECT_EQ(stock_of(id), 1);
}

int returns_of(const std::string& book_id) {
  int n = 0;
  for (const auto& r : stock().returns_made_before(clock::now_ms() + 1000, 10'000)) {
    if (r.book_id == book_id) ++n;
  }
  return n;
}

TEST(Stock, ACancelledOrderGivesItsQuantityBackOnceWhateverRunsIt) {
  const auto id = book_with_stock(4);
  ASSERT_EQ(stock().hold_stock(id, order_id(1), 3), StockReservation::reserved);
  stock().settle_hold(id, order_id(1));
  stock().return_stock(id, order_id(1), 3);
  stock().return_stock(id, order_id(1), 3);  // the sweep finishing a restock cut short
  EXPECT_EQ(stock_of(id), 4);
  EXPECT_EQ(returns_of(id), 1);
  EXPECT_FALSE(repo().find(id)->fields.contains("stock_returns"));
  stock().forget_return(id, order_id(1));
  EXPECT_EQ(returns_of(id), 0);
  EXPECT_EQ(stock_of(id), 4);
}

TEST(Stock, TheSweepFindsEveryBookWithHoldsOrReturnsByItsMarker) {
  const auto held = book_with_stock(4);
  const auto returned = book_with_stock(4);
  const auto both = book_with_stock(4);
  const auto untouched = book_with_stock(4);
  ASSERT_EQ(stock().hold_stock(held, order_id(11), 1), StockReservation::reserved);
  stock().return_stock(returned, order_id(12), 2);
  ASSERT_EQ(stock().hold_stock(both, order_id(13), 1), StockReservation::reserved);
  ASSERT_EQ(stock().hold_stock(both, order_id(14), 1), StockReservation::reserved);
  stock().return_stock(both, order_id(15), 1);

  EXPECT_TRUE(marked_pending(held));
  EXPECT_TRUE(marked_pending(returned));
  EXPECT_TRUE(marked_pending(both));
  EXPECT_FALSE(marked_pending(untouched));
  EXPECT_EQ(holds_of(held), 1);
  EXPECT_EQ(returns_of(returned), 1);
  EXPECT_EQ(holds_of(both), 2);
  EXPECT_EQ(returns_of(both), 1);
  EXPECT_FALSE(repo().find(both)->fields.contains("stock_pending"));

  // The marker stays while any entry of either ledger does, and goes with the last one.
  stock().settle_hold(both, order_id(13));
  stock().release_hold(both, order_id(14));
  EXPECT_TRUE(marked_pending(both));
  EXPECT_EQ(returns_of(both), 1);
  stock().forget_return(both, order_id(15));
  EXPECT_FALSE(marked_pending(both));
  stock().settle_hold(held, order_id(11));
  EXPECT_FALSE(marked_pending(held));
  stock().forget_return(returned, order_id(12));
  EXPECT_FALSE(marked_pending(returned));
  EXPECT_EQ(holds_of(held) + returns_of(returned) + holds_of(both) + returns_of(both), 0);
}

TEST(Stock, ChangingABookKeepsItsMarker) {
  const auto id = book_with_stock(4);
  stock().return_stock(id, order_id(16), 1);
  const auto read = *repo().find(id);
  auto book = read;
  book.fields["title"] = "Estoque devolvido";
  ASSERT_TRUE(repo().update(read, book));
  EXPECT_TRUE(marked_pending(id));
  EXPECT_EQ(returns_of(id), 1);
}

TEST(Stock, BooksWithEntriesFromBeforeTheMarkerAreMarkedAtTheFirstStart) {
  const auto id = book_with_stock(4);
  ASSERT_EQ(stock().hold_stock(id, order_id(17), 2), StockReservation::reserved);
  stock().return_stock(id, order_id(18), 1);
  ASSERT_TRUE(remove_raw_book_field(id, "stock_pending"));  // as written by an older S2
  ASSERT_TRUE(forget_raw_migrations());                     // that never ran the back-fill
  EXPECT_EQ(holds_of(id), 0);
  test_store().ensure_indexes();  // what S2 runs at every start
  EXPECT_TRUE(marked_pending(id));
  EXPECT_EQ(holds_of(id), 1);
  EXPECT_EQ(returns_of(id), 1);
  // Once per database: the next start does not read the whole catalog again.
  ASSERT_TRUE(remove_raw_book_field(id, "stock_pending"));
  test_store().ensure_indexes();
  EXPECT_FALSE(marked_pending(id));
  ASSERT_TRUE(remove_raw_book_field(id, "stock_pending"));
  ASSERT_TRUE(forget_raw_migrations());
  test_store().ensure_indexes();
  EXPECT_TRUE(marked_pending(id));
}

// Orders settling their own holds from their answers race each other, and the sweep's settles,
// on one book: whatever missed is left for the sweep, and the ledger comes out exact.
TEST(Stock, ConcurrentSettlesFromAnswersLeaveTheLedgerExact) {
  const auto id = book_with_stock(1000);
  constexpr int kThreads = 6;
  constexpr int kOrders = 8;
  std::atomic<int> settled_at_once{0};
  orders_on_threads(kThreads, kOrders, 8000, [&](const std::string& order, int t) {
    const auto held = stock().hold_book_stock(id, order, 1);
    if (held.receipt && stock().settle_hold_as_held(id, order, *held.receipt)) {
      ++settled_at_once;
    } else if (t % 2 == 0) {
      stock().settle_hold(id, order);  // as the sweep would
    }
  });
  // What the odd threads left goes the sweep's way now.
  for (const auto& hold : stock().holds_taken_before(clock::now_ms() + 1000, 10'000)) {
    if (hold.book_id == id) stock().settle_hold(id, hold.order_id);
  }
  EXPECT_GT(settled_at_once.load(), 0);
  EXPECT_EQ(holds_of(id), 0);
  EXPECT_FALSE(marked_pending(id));
  EXPECT_EQ(stock_of(id), 1000 - kThreads * kOrders);
}

TEST(Stock, ConcurrentHoldsAndSettlesLeaveTheMarkerExactlyWhileEntriesRemain) {
  const auto id = book_with_stock(1000);
  constexpr int kThreads = 6;
  constexpr int kOrders = 8;
  orders_on_threads(kThreads, kOrders, 7000, [&](const std::string& order, int) {
    // A retry after a call cut short may find its own hold: taken once either way.
    const auto outcome = stock().hold_stock(id, order, 1);
    ASSERT_TRUE(outcome == StockReservation::reserved || outcome == StockReservation::already_held);
    stock().settle_hold(id, order);
  });
  EXPECT_EQ(holds_of(id), 0);
  EXPECT_FALSE(marked_pending(id));
  EXPECT_EQ(stock_of(id), 1000 - kThreads * kOrders);
}

TEST(Stock, AReturnToAnUnlimitedBookStartsNoCount) {
  const auto id = book_with_stock(std::nullopt);
  stock().return_stock(id, order_id(1), 3);
  EXPECT_FALSE(stock_of(id));
  EXPECT_EQ(returns_of(id), 0);
}

TEST(Stock, AReturnToAMissingBookIsHarmless) {
  EXPECT_NO_THROW(stock().return_stock("65f0a1b2c3d4e5f6a7b8c9d0", order_id(1), 1));
}

TEST(Stock, ConcurrentReservationsNeverTakeStockBelowZero) {
  constexpr int kStock = 50;
  const auto id = book_with_stock(kStock);
  std::atomic<int> reserved{0};
  std::atomic<int> refused{0};
  std::atomic<int> next_order{1};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 12; ++i) {
        switch (stock().hold_stock(id, order_id(next_order++), 1)) {
          case StockReservation::reserved:
            ++reserved;
            break;
          case StockReservation::insufficient:
            ++refused;
            break;
          default:
            ADD_FAILURE() << "unexpected reservation outcome";
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(reserved.load(), kStock);
  EXPECT_EQ(refused.load(), 8 * 12 - kStock);
  EXPECT_EQ(stock_of(id), 0);
}

namespace {

// 64 orders at once for the last 5 copies of a book, through `ledger`.
void sixty_four_orders_for_five_copies(StockLedger& ledger) {
  constexpr int kCopies = 5;
  constexpr int kOrders = 64;
  const auto id = book_with_stock(kCopies);
  std::atomic<int> reserved{0};
  std::atomic<int> refused{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kOrders; ++t) {
    threads.emplace_back([&, t] {
      // More threads than pooled clients, all after one book's lock: a busy pool refuses at
      // once and a lock waited on too long gives up, each before taking anything; the thread
      // retries the same order, as a client retries a 503.
      for (;;) {
        try {
          switch (ledger.hold_stock(id, order_id(5000 + t), 1)) {
            case StockReservation::reserved:
              ++reserved;
              return;
            case StockReservation::insufficient:
              ++refused;
              return;
            default:
              ADD_FAILURE() << "unexpected reservation outcome";
              return;
          }
        } catch (const StoreUnavailable&) {
          std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(reserved.load(), kCopies);
  EXPECT_EQ(refused.load(), kOrders - kCopies);
  EXPECT_EQ(stock_of(id), 0);
  EXPECT_EQ(holds_of(id), kCopies);
}

}  // namespace

TEST(Stock, SixtyFourConcurrentReservationsForTheLastCopiesNeverOversell) {
  // As this server needs (MongoDB, or FerretDB with its revision guard: no lock per write).
  sixty_four_orders_for_five_copies(stock());
}

TEST(Stock, SixtyFourConcurrentReservationsUnderBookLocksNeverOversellEither) {
  // As on a server whose updates are not atomic (FerretDB without the guard).
  sixty_four_orders_for_five_copies(locking_test_store().stock());
}

TEST(Stock, ConcurrentReservationsAndReleasesAddUp) {
  constexpr int kStock = 100;
  const auto id = book_with_stock(kStock);
  std::atomic<std::int64_t> taken{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      const std::int64_t quantity = 1 + t % 3;
      for (int i = 0; i < 15; ++i) {
        try {
          const auto order = order_id(100 * t + i);
          if (stock().hold_stock(id, order, quantity) != StockReservation::reserved) continue;
          taken += quantity;
          if (i % 3 == 0) {  // an order that failed later gives its stock back
            stock().release_hold(id, order);
            taken -= quantity;
          }
        } catch (const std::exception& e) {
          ADD_FAILURE() << e.what();
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  const auto left = stock_of(id);
  ASSERT_TRUE(left);
  EXPECT_GE(*left, 0);
  EXPECT_EQ(*left + taken.load(), kStock);
}

}  // namespace ld::test
