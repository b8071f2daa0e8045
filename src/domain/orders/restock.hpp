// Giving a cancelled order's copies back to its books. The cancellation lists the restock as
// due in the order store in the same step that stores the new status; then every book gets its
// copies back with a record of the return (StockLedger::return_stock, once per order whatever
// runs it), and the restock is marked done. If S2 dies half way, the stock-hold sweep finds the
// restock still due and runs it again; the books already done give nothing twice.
#pragma once

#include "domain/books/stock_ledger.hpp"
#include "domain/orders/order.hpp"
#include "domain/orders/order_repository.hpp"

namespace ld {

// True when every book has its copies back and the restock is marked done. A store failure is
// logged and answers false: the restock stays due for the sweep.
bool restock(StockLedger& stock, OrderRepository& orders, const Order& order) noexcept;

}  // namespace ld
