// Stock taken from books while one order is being placed. Every copy taken is recorded in its
// book as held for this order (StockLedger::hold_stock), so nothing depends on this object
// surviving: if S2 dies, the stock-hold sweeper finds the holds and settles or releases them.
// While S2 lives, holds are released as soon as the order is known to have failed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/books/stock_ledger.hpp"

namespace ld {

class StockHold {
 public:
  StockHold(StockLedger& stock, std::string order_id)
      : stock_(stock), order_id_(std::move(order_id)) {}
  // Releases whatever is still held: the order failed before it was stored.
  ~StockHold();
  StockHold(const StockHold&) = delete;
  StockHold& operator=(const StockHold&) = delete;

  // Takes `quantity` of the book for this order; returns what the store answered, with the book.
  HeldBook take(const std::string& book_id, std::int64_t quantity);

  // The order may have been stored: leave the holds to the sweeper, which settles them once it
  // sees the order in the order store (or releases them once it is sure it never will).
  void keep() { taken_.clear(); }

  // The order is stored: settle its holds now, each in one write made from its hold's answer,
  // so the sweeper has nothing left to do for it. A hold whose book changed since, or that a
  // failing store leaves in place, stays for the sweeper, which settles it as before.
  void settle();

  // The order is certainly not stored: give back everything taken so far, now.
  void give_back();

 private:
  StockLedger& stock_;
  std::string order_id_;
  struct Taken {
    std::string book_id;
    std::optional<HoldReceipt> receipt;
  };
  std::vector<Taken> taken_;
};

}  // namespace ld
