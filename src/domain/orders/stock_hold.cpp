// Giving stock back happens on failure paths, often because a store is down; it must never
// throw from a destructor, so failures are logged with enough detail to fix the count by hand.
#include "domain/orders/stock_hold.hpp"

#include <exception>

#include "core/log.hpp"

namespace ld {

namespace {
void release_logged(BookRepository& books, const std::string& book_id, std::int64_t quantity,
                    const std::string& context) {
  try {
    books.release_stock(book_id, quantity);
  } catch (const std::exception& e) {
    log::event(
        spdlog::level::err, "stock not given back; the book's count is short",
        {{"book_id", book_id}, {"quantity", quantity}, {"reason", context}, {"error", e.what()}});
  }
}
}  // namespace

StockHold::~StockHold() {
  give_back();
}

StockReservation StockHold::take(const std::string& book_id, std::int64_t quantity) {
  const auto result = books_.reserve_stock(book_id, quantity);
  if (result == StockReservation::reserved) taken_.emplace_back(book_id, quantity);
  return result;
}

void StockHold::give_back() {
  // Newest first, the reverse of taking, so the log of a partial failure reads naturally.
  while (!taken_.empty()) {
    const auto [book_id, quantity] = taken_.back();
    taken_.pop_back();
    release_logged(books_, book_id, quantity, "order not placed");
  }
}

void give_back_stock(BookRepository& books, const Order& order) {
  for (const auto& item : order.items) {
    release_logged(books, item.book_id, item.quantity, "order " + order.id + " cancelled");
  }
}

}  // namespace ld
