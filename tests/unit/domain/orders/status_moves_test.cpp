// Order status rules: created -> paid -> shipped -> delivered, created|paid -> cancelled, and
// nothing else (409 in the API).
#include <gtest/gtest.h>

#include <set>
#include <utility>

#include "domain/orders/order.hpp"
#include "domain/orders/status_moves.hpp"

namespace ld {
namespace {

constexpr OrderStatus kAll[] = {OrderStatus::created, OrderStatus::paid, OrderStatus::shipped,
                                OrderStatus::delivered, OrderStatus::cancelled};

TEST(OrderStatus, NamesRoundTrip) {
  for (const auto status : kAll) {
    EXPECT_EQ(parse_order_status(to_string(status)), status) << to_string(status);
  }
  EXPECT_EQ(to_string(OrderStatus::created), "created");
  EXPECT_EQ(to_string(OrderStatus::cancelled), "cancelled");
}

TEST(OrderStatus, UnknownNamesAreRejectedExactly) {
  EXPECT_FALSE(parse_order_status("Paid"));
  EXPECT_FALSE(parse_order_status("canceled"));
  EXPECT_FALSE(parse_order_status(""));
  EXPECT_FALSE(parse_order_status("paid "));
}

TEST(StatusMoves, CreatedMayBePaid) {
  EXPECT_TRUE(can_move(OrderStatus::created, OrderStatus::paid));
}
TEST(StatusMoves, PaidMayBeShipped) {
  EXPECT_TRUE(can_move(OrderStatus::paid, OrderStatus::shipped));
}
TEST(StatusMoves, ShippedMayBeDelivered) {
  EXPECT_TRUE(can_move(OrderStatus::shipped, OrderStatus::delivered));
}
TEST(StatusMoves, CreatedMayBeCancelled) {
  EXPECT_TRUE(can_move(OrderStatus::created, OrderStatus::cancelled));
}
TEST(StatusMoves, PaidMayBeCancelled) {
  EXPECT_TRUE(can_move(OrderStatus::paid, OrderStatus::cancelled));
}

TEST(StatusMoves, ShippedCannotBeCancelled) {
  EXPECT_FALSE(can_move(OrderStatus::shipped, OrderStatus::cancelled));
}
TEST(StatusMoves, CreatedCannotSkipToShipped) {
  EXPECT_FALSE(can_move(OrderStatus::created, OrderStatus::shipped));
}
TEST(StatusMoves, NoMoveGoesBack) {
  EXPECT_FALSE(can_move(OrderStatus::paid, OrderStatus::created));
  EXPECT_FALSE(can_move(OrderStatus::delivered, OrderStatus::shipped));
}
TEST(StatusMoves, DeliveredAndCancelledAreFinal) {
  for (const auto to : kAll) {
    EXPECT_FALSE(can_move(OrderStatus::delivered, to)) << to_string(to);
    EXPECT_FALSE(can_move(OrderStatus::cancelled, to)) << to_string(to);
  }
}
TEST(StatusMoves, StayingInTheSameStatusIsNotAMove) {
  for (const auto s : kAll) EXPECT_FALSE(can_move(s, s)) << to_string(s);
}

TEST(StatusMoves, ExactlyTheFiveDocumentedMovesAreAllowed) {
  const std::set<std::pair<OrderStatus, OrderStatus>> allowed = {
      {OrderStatus::created, OrderStatus::paid},
      {OrderStatus::paid, OrderStatus::shipped},
      {OrderStatus::shipped, OrderStatus::delivered},
      {OrderStatus::created, OrderStatus::cancelled},
      {OrderStatus::paid, OrderStatus::cancelled}};
  for (const auto from : kAll) {
    for (const auto to : kAll) {
      EXPECT_EQ(can_move(from, to), allowed.count({from, to}) == 1)
          << to_string(from) << " -> " << to_string(to);
    }
  }
}

TEST(StatusMoves, OnlyCancellingGivesStockBack) {
  for (const auto s : kAll) {
    EXPECT_EQ(gives_stock_back(s), s == OrderStatus::cancelled) << to_string(s);
  }
}

}  // namespace
}  // namespace ld
