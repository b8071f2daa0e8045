// Stock taken from books while an order is being placed. Whatever was taken goes back to the
// books when the hold is dropped without keep() — a later check failed, the order store is down,
// anything threw — so a failed order never leaves stock missing.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "domain/books/book_repository.hpp"
#include "domain/orders/order.hpp"

namespace ld {

class StockHold {
 public:
  explicit StockHold(BookRepository& books) : books_(books) {}
  ~StockHold();
  StockHold(const StockHold&) = delete;
  StockHold& operator=(const StockHold&) = delete;

  // Reserves `quantity` of the book; returns what the store answered. Only `reserved` stock is
  // remembered for giving back (a book without stock tracking has nothing to give back).
  StockReservation take(const std::string& book_id, std::int64_t quantity);

  // The order was stored: the stock now belongs to it.
  void keep() { taken_.clear(); }

  // Gives back everything taken so far, now.
  void give_back();

 private:
  BookRepository& books_;
  std::vector<std::pair<std::string, std::int64_t>> taken_;
};

// Gives every item's quantity back to its book (a cancelled order). A failure on one book is
// logged with the order id for reconciliation and does not stop the others.
void give_back_stock(BookRepository& books, const Order& order);

}  // namespace ld
