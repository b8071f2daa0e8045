#include "domain/orders/stock_hold_sweep.hpp"

#include "core/log.hpp"

namespace ld {

StockHoldSweep sweep_stock_holds(BookRepository& books, OrderRepository& orders,
                                 clock::Millis expired_before, int limit) {
  StockHoldSweep done;
  for (const auto& hold : books.holds_taken_before(expired_before, limit)) {
    if (orders.placed_or_void(hold.order_id)) {
      books.settle_hold(hold.book_id, hold.order_id);
      ++done.settled;
    } else {
      books.release_hold(hold.book_id, hold.order_id);
      ++done.released;
      log::event(
          spdlog::level::info, "stock hold released: its order was never stored",
          {{"book_id", hold.book_id}, {"order_id", hold.order_id}, {"quantity", hold.quantity}});
    }
  }
  return done;
}

}  // namespace ld
