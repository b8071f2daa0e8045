// Moving an order along its life (status_moves.hpp), kept in Redis; cancelling gives its copies
// back to the books (restock.hpp). The move is a compare-and-set that lists the restock as due in
// the same step, so two cancellations racing cannot both give back, and a restock cut short by a
// crash is finished by the stock-hold sweep.
#pragma once

#include <optional>
#include <string>

#include "domain/books/stock_ledger.hpp"
#include "domain/orders/order.hpp"
#include "domain/orders/order_repository.hpp"

namespace ld {

// Moves the order `order_id` to `target` and returns it as stored now; no target changes nothing.
// Throws 404 when there is no such order, and 409 naming "status" when the move is not allowed
// or the order changed while this ran.
Order change_order_status(OrderRepository& orders, StockLedger& stock, const std::string& order_id,
                          std::optional<OrderStatus> target);

}  // namespace ld
