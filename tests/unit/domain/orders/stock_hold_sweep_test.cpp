// The stock-hold sweep against the stores in memory: holds of stored orders settled, holds of
// orders that never will be stored released (their ids voided first), the young holds of a
// placement still running left alone, those of a placement that died released at once,
// restocks of cancelled orders finished, and returns forgotten once their restock is done.
#include "domain/orders/stock_hold_sweep.hpp"

#include <gtest/gtest.h>

#include "core/ids.hpp"
#include "domain/orders/pricing.hpp"
#include "fakes/domain/fake_stores.hpp"
#include "support/expect_error.hpp"

namespace ld {
namespace {

using fakes::Fault;

constexpr clock::Millis kThen = 1'700'000'000'000;
constexpr clock::Millis kExpiry = 120'000;

class StockHoldSweepTest : public ::testing::Test {
 protected:
  StockHoldSweepTest() {
    s.shelf.clock.fixed = kThen;
    s.orders.clock.fixed = kThen;
  }

  fakes::FakeStores s;
  std::int64_t customer = s.add_customer();
  std::string book = s.add_book("O Cortiço", "20.00", 10);

  std::int64_t stock() { return *s.stock.stock_of(book); }
  std::size_t holds() { return s.stock.holds_taken_before(kThen + kExpiry * 10, 100).size(); }
  std::size_t returns() { return s.stock.returns_made_before(kThen + kExpiry * 10, 100).size(); }

  // An order of `quantity` copies whose hold was taken at kThen, stored or not, by a placement
  // still running (its claim alive) or over.
  std::string held_order(std::int64_t quantity, bool stored, bool placing = false,
                         std::string id = ids::new_uuid_v7()) {
    if (placing) s.orders.begin_placing(id);
    EXPECT_EQ(s.stock.hold_stock(book, id, quantity), StockReservation::reserved);
    if (stored) {
      const auto order =
          price_order(id, customer, {{book, "O Cortiço", Money{2000, "BRL"}, quantity}}, kThen);
      EXPECT_EQ(s.orders.insert(order, nullptr), OrderRepository::Placement::placed);
    }
    return id;
  }

  StockHoldSweep sweep_at(clock::Millis now) {
    return sweep_stock_holds(s.stock, s.orders, now - kExpiry);
  }
};

TEST_F(StockHoldSweepTest, YoungHoldsOfAPlacementStillRunningAreLeftAlone) {
  held_order(2, false, true);
  held_order(1, true, true);  // stored, but its placement has not ended yet
  const auto swept = sweep_at(kThen + kExpiry);
  EXPECT_EQ(swept.released + swept.settled, 0);
  EXPECT_EQ(holds(), 2u);
  EXPECT_EQ(stock(), 7);
  EXPECT_EQ(s.orders.faults.calls("placing"), 1);  // one question for all of them
}

// The S2 placing it was killed: its claim lapsed, and the copies come back at the next sweep,
// not after the expiry.
TEST_F(StockHoldSweepTest, AYoungHoldWhosePlacementDiedIsVoidedAndGivenBackAtOnce) {
  const auto id = held_order(3, false, true);
  s.orders.claims.erase(id);  // the lease, no longer renewed, lapsed
  const auto swept = sweep_at(kThen + 1);
  EXPECT_EQ(swept.released, 1);
  EXPECT_EQ(stock(), 10);
  EXPECT_EQ(holds(), 0u);
  EXPECT_TRUE(s.orders.voided.contains(id));
}

TEST_F(StockHoldSweepTest, AYoungHoldWhosePlacementEndedWithItsOrderStoredIsSettledAtOnce) {
  const auto id = held_order(2, true, true);
  s.orders.end_placing(id);
  const auto swept = sweep_at(kThen + 1);
  EXPECT_EQ(swept.settled, 1);
  EXPECT_EQ(stock(), 8);
  EXPECT_FALSE(s.orders.voided.contains(id));
}

// A placement still claimed after the expiry is hopelessly late: its id is voided, so it starts
// afresh under a new one, and the copies go back.
TEST_F(StockHoldSweepTest, AClaimDoesNotKeepAHoldPastTheExpiry) {
  const auto id = held_order(2, false, true);
  const auto swept = sweep_at(kThen + kExpiry + 1);
  EXPECT_EQ(swept.released, 1);
  EXPECT_EQ(stock(), 10);
  EXPECT_TRUE(s.orders.voided.contains(id));
}

// Without an answer on the claims, nothing young is touched.
TEST_F(StockHoldSweepTest, ClaimsThatCannotBeReadLeaveTheYoungHoldsAlone) {
  const auto id = held_order(2, false, true);
  s.orders.claims.erase(id);
  s.orders.faults.fail("placing", Fault::unavailable);
  test::expect_error(ErrorKind::unavailable, [&] { sweep_at(kThen + 1); });
  EXPECT_EQ(stock(), 8);
  EXPECT_FALSE(s.orders.voided.contains(id));
  EXPECT_EQ(sweep_at(kThen + 1).released, 1);  // the next sweep does it
  EXPECT_EQ(stock(), 10);
}

TEST_F(StockHoldSweepTest, AStoredOrdersHoldIsSettledAndItsCopiesStayTaken) {
  held_order(2, true);
  const auto swept = sweep_at(kThen + kExpiry + 1);
  EXPECT_EQ(swept.settled, 1);
  EXPECT_EQ(holds(), 0u);
  EXPECT_EQ(stock(), 8);
}

TEST_F(StockHoldSweepTest, AnOrderNeverStoredIsVoidedAndItsCopiesGoBack) {
  const auto id = held_order(3, false);
  const auto swept = sweep_at(kThen + kExpiry + 1);
  EXPECT_EQ(swept.released, 1);
  EXPECT_EQ(stock(), 10);
  EXPECT_EQ(holds(), 0u);
  // The attempt, were it only late, can no longer store the order whose copies went back.
  const auto late = price_order(id, customer, {{book, "O Cortiço", Money{2000, "BRL"}, 3}}, kThen);
  EXPECT_EQ(s.orders.insert(late, nullptr), OrderRepository::Placement::voided);
}

TEST_F(StockHoldSweepTest, ACancelledOrdersRestockCutShortIsFinished) {
  const auto id = held_order(4, true);
  sweep_at(kThen + kExpiry + 1);  // settles the hold
  auto cancelled = *s.orders.find(id);
  cancelled.status = OrderStatus::cancelled;
  ASSERT_TRUE(s.orders.update_status(cancelled, OrderStatus::created));  // restock now due
  // S2 died before giving the copies back.
  const auto swept = sweep_at(kThen + 2 * kExpiry + 2);
  EXPECT_EQ(swept.restocked, 1);
  EXPECT_EQ(stock(), 10);
  EXPECT_FALSE(s.orders.restock_due(id));
  // The restock is done, so the record of the return is forgotten in the same sweep.
  EXPECT_EQ(swept.forgotten, 1);
  EXPECT_EQ(returns(), 0u);
}

TEST_F(StockHoldSweepTest, AReturnWhoseRestockIsStillDueIsKept) {
  const auto id = held_order(4, true);
  s.stock.settle_hold(book, id);
  s.stock.return_stock(book, id, 4);  // given back, but the restock not yet marked done
  auto cancelled = *s.orders.find(id);
  cancelled.status = OrderStatus::cancelled;
  s.orders.clock.fixed = kThen + 10 * kExpiry;  // the restock became due only now
  ASSERT_TRUE(s.orders.update_status(cancelled, OrderStatus::created));
  EXPECT_EQ(sweep_at(kThen + kExpiry + 1).forgotten, 0);
  EXPECT_EQ(returns(), 1u);
  EXPECT_EQ(stock(), 10);
}

// Releases are made as the sweep goes; the settles of stored orders are written together at
// its end, one step per book. A failure on the way keeps the releases already made and leaves
// the rest to the next sweep.
TEST_F(StockHoldSweepTest, AStoreFailureStopsTheSweepAndKeepsWhatWasDone) {
  // Ids in this order, so the sweep meets the holds in this order (two ids made in the same
  // millisecond could come either way).
  held_order(1, false, false, "01000000-0000-7000-8000-000000000001");
  held_order(2, true, false, "01000000-0000-7000-8000-000000000002");
  s.orders.faults.fail("placed_or_void", Fault::unavailable, 2);
  test::expect_error(ErrorKind::unavailable, [&] { sweep_at(kThen + kExpiry + 1); });
  EXPECT_EQ(holds(), 1u);  // the first hold's copies went back; the second waits
  EXPECT_EQ(stock(), 8);
  // The next sweep finishes the job.
  const auto swept = sweep_at(kThen + kExpiry + 1);
  EXPECT_EQ(swept.settled, 1);
  EXPECT_EQ(holds(), 0u);
  EXPECT_EQ(stock(), 8);
}

// Many stored orders took copies of one book: the sweep settles all their holds in one step.
TEST_F(StockHoldSweepTest, TheHoldsOfOneBookAreSettledInOneStep) {
  for (int n = 0; n < 5; ++n) held_order(1, true);
  const auto swept = sweep_at(kThen + kExpiry + 1);
  EXPECT_EQ(swept.settled, 5);
  EXPECT_EQ(holds(), 0u);
  EXPECT_EQ(stock(), 5);
  EXPECT_EQ(s.shelf.faults.calls("settle_holds"), 1);
}

TEST_F(StockHoldSweepTest, SweepingTwiceChangesNothingMore) {
  held_order(1, true);
  held_order(2, false);
  sweep_at(kThen + kExpiry + 1);
  const auto again = sweep_at(kThen + kExpiry + 1);
  EXPECT_EQ(again.settled + again.released + again.restocked + again.forgotten, 0);
  EXPECT_EQ(stock(), 9);
}

}  // namespace
}  // namespace ld
