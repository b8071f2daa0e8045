#include "domain/orders/stock_hold_sweep.hpp"

#include <limits>
#include <map>
#include <string>
#include <vector>

#include "core/log.hpp"
#include "domain/orders/restock.hpp"

namespace ld {

StockHoldSweep sweep_stock_holds(StockLedger& stock, OrderRepository& orders,
                                 clock::Millis expired_before, int limit) {
  StockHoldSweep done;
  // Every hold there is (the ledger keeps only the few of orders in flight or just placed).
  auto holds = stock.holds_taken_before(std::numeric_limits<clock::Millis>::max(), limit);
  std::vector<std::string> recent;  // their orders, asked about in one call
  for (const auto& hold : holds) {
    if (hold.taken_at >= expired_before) recent.push_back(hold.order_id);
  }
  const auto placing = orders.placing(recent);
  std::erase_if(holds, [&](const StockHoldEntry& hold) {
    return hold.taken_at >= expired_before && placing.contains(hold.order_id);
  });
  // The holds of stored orders, by book: each book's are settled in one step, so a book many
  // orders took copies of costs one write per sweep, not one per order.
  std::map<std::string, std::vector<std::string>> to_settle;
  for (const auto& hold : holds) {
    if (orders.placed_or_void(hold.order_id)) {
      to_settle[hold.book_id].push_back(hold.order_id);
    } else {
      stock.release_hold(hold.book_id, hold.order_id);
      ++done.released;
      log::event(
          spdlog::level::info, "stock hold released: its order was never stored",
          {{"book_id", hold.book_id}, {"order_id", hold.order_id}, {"quantity", hold.quantity}});
    }
  }
  for (const auto& [book_id, order_ids] : to_settle) {
    stock.settle_holds(book_id, order_ids);
    done.settled += static_cast<int>(order_ids.size());
  }
  for (const auto& order_id : orders.restocks_due_before(expired_before, limit)) {
    const auto order = orders.find(order_id);
    if (!order) {
      orders.restock_done(order_id);  // nothing left to give back for
    } else if (restock(stock, orders, *order)) {
      ++done.restocked;
    }
  }
  for (const auto& returned : stock.returns_made_before(expired_before, limit)) {
    if (orders.restock_due(returned.order_id)) continue;
    stock.forget_return(returned.book_id, returned.order_id);
    ++done.forgotten;
  }
  return done;
}

}  // namespace ld
