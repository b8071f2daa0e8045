// The stock an order attempt holds: given back unless the order is (or may be) stored, and only
// what this attempt took.
#include "domain/orders/stock_hold.hpp"

#include <gtest/gtest.h>

#include "core/ids.hpp"
#include "fakes/domain/fake_stores.hpp"

namespace ld {
namespace {

using fakes::Fault;

class StockHoldTest : public ::testing::Test {
 protected:
  fakes::FakeStores s;
  std::string book = s.add_book("Memórias Póstumas", "45.00", 4);
  std::string order_id = ids::new_uuid_v7();

  std::int64_t stock() { return *s.stock.stock_of(book); }
};

TEST_F(StockHoldTest, WhatIsTakenGoesBackWhenTheAttemptFails) {
  {
    StockHold hold(s.stock, order_id);
    EXPECT_EQ(hold.take(book, 3).reservation, StockReservation::reserved);
    EXPECT_EQ(stock(), 1);
  }
  EXPECT_EQ(stock(), 4);
}

TEST_F(StockHoldTest, KeptHoldsStayForTheSweep) {
  {
    StockHold hold(s.stock, order_id);
    hold.take(book, 3);
    hold.keep();
  }
  EXPECT_EQ(stock(), 1);
  EXPECT_EQ(s.stock.holds_taken_before(clock::now_ms() + 1000, 10).size(), 1u);
}

TEST_F(StockHoldTest, AHoldFoundFromAnEarlierAttemptIsNotGivenBack) {
  ASSERT_EQ(s.stock.hold_stock(book, order_id, 3), StockReservation::reserved);
  {
    StockHold hold(s.stock, order_id);
    EXPECT_EQ(hold.take(book, 3).reservation, StockReservation::already_held);
  }
  EXPECT_EQ(stock(), 1);  // still the earlier attempt's, were it only slow
}

TEST_F(StockHoldTest, ShortAndUnlimitedBooksTakeNothing) {
  const std::string unlimited = s.add_book("Macunaíma");
  StockHold hold(s.stock, order_id);
  EXPECT_EQ(hold.take(book, 5).reservation, StockReservation::insufficient);
  EXPECT_EQ(hold.take(unlimited, 5).reservation, StockReservation::unlimited);
  EXPECT_EQ(hold.take("65f0a1b2c3d4e5f6a7b8c9d0", 1).reservation, StockReservation::missing);
  EXPECT_EQ(stock(), 4);
}

TEST_F(StockHoldTest, AFailedReleaseIsLeftForTheSweepWithoutThrowing) {
  s.shelf.faults.fail("release_hold", Fault::unavailable);
  {
    StockHold hold(s.stock, order_id);
    hold.take(book, 2);
  }  // must not throw from the destructor
  EXPECT_EQ(stock(), 2);
  EXPECT_EQ(s.stock.holds_taken_before(clock::now_ms() + 1000, 10).size(), 1u);
}

}  // namespace
}  // namespace ld
