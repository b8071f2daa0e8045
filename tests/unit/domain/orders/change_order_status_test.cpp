// Moving an order along its life: 404, the no-op, the moves refused with 409, the lost race, and
// the cancellation that gives the stock back.
#include "domain/orders/change_order_status.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/ids.hpp"
#include "domain/orders/pricing.hpp"
#include "fakes/domain/fake_stores.hpp"
#include "support/expect_error.hpp"

namespace ld {
namespace {

using fakes::Fault;
using test::expect_error;
using ::testing::ElementsAre;

class ChangeOrderStatusTest : public ::testing::Test {
 protected:
  ChangeOrderStatusTest() {
    const auto id = ids::new_uuid_v7();
    s.stock.hold_stock(book, id, 2);
    order = price_order(id, customer, {{book, "Lucíola", Money{2200, "BRL"}, 2}}, clock::now_ms());
    s.orders.insert(order, nullptr);
    s.stock.settle_hold(book, id);
  }

  Order change(std::optional<OrderStatus> to) {
    return change_order_status(s.orders, s.stock, order.id, to);
  }

  fakes::FakeStores s;
  std::int64_t customer = s.add_customer();
  std::string book = s.add_book("Lucíola", "22.00", 6);
  Order order;
};

TEST_F(ChangeOrderStatusTest, AnUnknownOrderIs404) {
  expect_error(ErrorKind::not_found, [&] {
    change_order_status(s.orders, s.stock, ids::new_uuid_v7(), OrderStatus::paid);
  });
}

TEST_F(ChangeOrderStatusTest, NoTargetChangesNothing) {
  const auto same = change(std::nullopt);
  EXPECT_EQ(same.status, OrderStatus::created);
  EXPECT_EQ(same.updated_at, order.updated_at);
}

TEST_F(ChangeOrderStatusTest, AMoveAlongTheLifeIsStoredWithALaterUpdatedAt) {
  const auto paid = change(OrderStatus::paid);
  EXPECT_EQ(paid.status, OrderStatus::paid);
  EXPECT_GT(paid.updated_at, order.updated_at);
  EXPECT_EQ(s.orders.find(order.id)->status, OrderStatus::paid);
}

TEST_F(ChangeOrderStatusTest, AMoveTheLifeDoesNotAllowIs409OnStatus) {
  change(OrderStatus::paid);
  change(OrderStatus::shipped);
  EXPECT_THAT(expect_error(ErrorKind::conflict, [&] { change(OrderStatus::cancelled); }).fields,
              ElementsAre("status"));
  EXPECT_EQ(s.stock.stock_of(book), 4);
}

TEST_F(ChangeOrderStatusTest, ALostRaceIs409AndChangesNothing) {
  s.orders.faults.before_next("update_status", [&] {
    Order paid = order;
    paid.status = OrderStatus::paid;
    s.orders.update_status(paid, OrderStatus::created);
  });
  EXPECT_THAT(expect_error(ErrorKind::conflict, [&] { change(OrderStatus::cancelled); }).fields,
              ElementsAre("status"));
  EXPECT_EQ(s.orders.find(order.id)->status, OrderStatus::paid);
  EXPECT_EQ(s.stock.stock_of(book), 4);
}

TEST_F(ChangeOrderStatusTest, CancellingGivesTheCopiesBack) {
  EXPECT_EQ(change(OrderStatus::cancelled).status, OrderStatus::cancelled);
  EXPECT_EQ(s.stock.stock_of(book), 6);
  EXPECT_FALSE(s.orders.restock_due(order.id));
}

TEST_F(ChangeOrderStatusTest, ACancellationWhoseRestockFailsStandsAndLeavesItDue) {
  s.shelf.faults.fail("return_stock", Fault::unavailable);
  EXPECT_EQ(change(OrderStatus::cancelled).status, OrderStatus::cancelled);
  EXPECT_EQ(s.stock.stock_of(book), 4);
  EXPECT_TRUE(s.orders.restock_due(order.id));  // the sweep finishes it
}

}  // namespace
}  // namespace ld
