#include "domain/orders/restock.hpp"

#include <exception>

#include "core/log.hpp"

namespace ld {

bool restock(StockLedger& stock, OrderRepository& orders, const Order& order) noexcept {
  try {
    for (const auto& item : order.items) stock.return_stock(item.book_id, order.id, item.quantity);
    orders.restock_done(order.id);
    return true;
  } catch (const std::exception& e) {
    log::event(spdlog::level::warn, "restock of a cancelled order left to the sweep",
               {{"order_id", order.id}, {"error", e.what()}});
    return false;
  }
}

}  // namespace ld
