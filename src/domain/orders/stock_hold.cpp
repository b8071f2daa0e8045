// Giving stock back happens on failure paths, often because a store is down; it must never
// throw from a destructor. A release that fails leaves the hold in its book, where the
// stock-hold sweeper finds it later, so a failure here is logged and nothing is lost.
#include "domain/orders/stock_hold.hpp"

#include <exception>

#include "core/log.hpp"

namespace ld {

StockHold::~StockHold() {
  give_back();
}

HeldBook StockHold::take(const std::string& book_id, std::int64_t quantity) {
  auto result = stock_.hold_book_stock(book_id, order_id_, quantity);
  // Only what this attempt took is its to give back: a hold found from an earlier attempt may
  // still be that attempt's (were it only slow), and is left to it or to the sweeper.
  if (result.reservation == StockReservation::reserved) taken_.push_back({book_id, result.receipt});
  return result;
}

void StockHold::settle() {
  for (const auto& [book_id, receipt] : taken_) {
    if (!receipt) continue;
    try {
      stock_.settle_hold_as_held(book_id, order_id_, *receipt);
    } catch (const std::exception& e) {
      // The order is stored whatever happens here: the hold only waits for the sweeper.
      log::event(spdlog::level::debug, "stock hold not settled now; the sweeper will",
                 {{"book_id", book_id}, {"order_id", order_id_}, {"error", e.what()}});
    }
  }
  taken_.clear();
}

void StockHold::give_back() {
  // Newest first, the reverse of taking, so the log of a partial failure reads naturally.
  while (!taken_.empty()) {
    const std::string book_id = taken_.back().book_id;
    taken_.pop_back();
    try {
      stock_.release_hold(book_id, order_id_);
    } catch (const std::exception& e) {
      log::event(spdlog::level::warn, "stock hold not released now; the sweeper will",
                 {{"book_id", book_id}, {"order_id", order_id_}, {"error", e.what()}});
    }
  }
}

}  // namespace ld
