// Giving a cancelled order's copies back: once per order whatever runs it, and a failure leaves
// the restock due for the sweep.
#include "domain/orders/restock.hpp"

#include <gtest/gtest.h>

#include "core/ids.hpp"
#include "domain/orders/pricing.hpp"
#include "fakes/domain/fake_stores.hpp"

namespace ld {
namespace {

using fakes::Fault;

class RestockTest : public ::testing::Test {
 protected:
  RestockTest() {
    order = price_order(ids::new_uuid_v7(), customer,
                        {{counted, "A Moreninha", Money{1500, "BRL"}, 2},
                         {unlimited, "Senhora", Money{1800, "BRL"}, 1}},
                        clock::now_ms());
    s.orders.insert(order, nullptr);
    Order cancelled = order;
    cancelled.status = OrderStatus::cancelled;
    s.orders.update_status(cancelled, OrderStatus::created);  // lists the restock as due
  }

  fakes::FakeStores s;
  std::int64_t customer = s.add_customer();
  std::string counted = s.add_book("A Moreninha", "15.00", 3);
  std::string unlimited = s.add_book("Senhora", "18.00");
  Order order;
};

TEST_F(RestockTest, GivesTheCopiesBackOnceAndMarksTheRestockDone) {
  EXPECT_TRUE(restock(s.stock, s.orders, order));
  EXPECT_TRUE(restock(s.stock, s.orders, order));  // the sweep running it again
  EXPECT_EQ(s.stock.stock_of(counted), 5);
  EXPECT_EQ(s.stock.stock_of(unlimited), std::nullopt);  // an unlimited book starts no count
  EXPECT_FALSE(s.orders.restock_due(order.id));
}

TEST_F(RestockTest, AFailureLeavesTheRestockDueAndThrowsNothing) {
  s.shelf.faults.fail("return_stock", Fault::unavailable);
  EXPECT_FALSE(restock(s.stock, s.orders, order));
  EXPECT_TRUE(s.orders.restock_due(order.id));
  EXPECT_EQ(s.stock.stock_of(counted), 3);
}

TEST_F(RestockTest, AReturnWhoseAnswerWasLostIsNotGivenTwice) {
  s.shelf.faults.fail("return_stock", Fault::timed_out_after_write);
  EXPECT_FALSE(restock(s.stock, s.orders, order));
  EXPECT_TRUE(restock(s.stock, s.orders, order));
  EXPECT_EQ(s.stock.stock_of(counted), 5);
}

}  // namespace
}  // namespace ld
