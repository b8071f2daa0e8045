// The life of an order: created -> paid -> shipped -> delivered, and created or paid ->
// cancelled. Every other move is refused (409), including staying where it is.
#pragma once

#include "domain/orders/order.hpp"

namespace ld {

bool can_move(OrderStatus from, OrderStatus to);

// Whether reaching `to` gives the order's stock back to the books (only cancelling does).
inline bool gives_stock_back(OrderStatus to) {
  return to == OrderStatus::cancelled;
}

}  // namespace ld
