#include "domain/orders/change_order_status.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/orders/restock.hpp"
#include "domain/orders/status_moves.hpp"

namespace ld {

Order change_order_status(OrderRepository& orders, StockLedger& stock, const std::string& order_id,
                          std::optional<OrderStatus> target) {
  const auto current = orders.find(order_id);
  if (!current) throw not_found("No order has this id.");
  if (!target) return *current;  // {} changes nothing

  if (!can_move(current->status, *target)) {
    throw conflict("status", fmt::format("an order that is {} cannot become {}",
                                         to_string(current->status), to_string(*target)));
  }
  Order next = *current;
  next.status = *target;
  // Strictly later than before, even within the same millisecond, so clients can tell the
  // change happened by updated_at alone.
  next.updated_at = std::max(clock::now_ms(), current->updated_at + 1);
  if (!orders.update_status(next, current->status)) {
    throw conflict("status", "the order changed while this request ran; read it again");
  }
  // Only after the status change (which listed the restock as due) is stored: two cancellations
  // racing cannot both give back, and a restock cut short here is finished by the sweep.
  if (gives_stock_back(*target)) restock(stock, orders, next);
  return next;
}

}  // namespace ld
