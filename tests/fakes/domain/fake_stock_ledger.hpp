// StockLedger in memory, on a FakeBookShelf, with the contract of stock_ledger.hpp: each step is
// recorded under its order's id in the book, so running it again does nothing more, and the
// faults a test injects (faults.hpp; operation names are the method names).
#pragma once

#include "domain/books/stock_ledger.hpp"
#include "fakes/domain/fake_book_shelf.hpp"

namespace ld::fakes {

class FakeStockLedger final : public StockLedger {
 public:
  explicit FakeStockLedger(FakeBookShelf& shelf) : shelf_(shelf) {}

  HeldBook hold_book_stock(const std::string& book_id, const std::string& order_id,
                           std::int64_t quantity) override;
  void release_hold(const std::string& book_id, const std::string& order_id) override;
  void settle_holds(const std::string& book_id, const std::vector<std::string>& order_ids) override;
  bool settle_hold_as_held(const std::string& book_id, const std::string& order_id,
                           const HoldReceipt& receipt) override;
  std::vector<StockHoldEntry> holds_taken_before(clock::Millis taken_before, int limit) override;
  void return_stock(const std::string& book_id, const std::string& order_id,
                    std::int64_t quantity) override;
  void forget_return(const std::string& book_id, const std::string& order_id) override;
  std::vector<StockHoldEntry> returns_made_before(clock::Millis made_before, int limit) override;

  // For tests: the stock the book counts now (none: unlimited or no such book).
  std::optional<std::int64_t> stock_of(const std::string& book_id);

 private:
  // Forgets the order's entry in one of the book's ledgers, giving nothing back.
  void forget_entry(const char* operation, Ledger ShelvedBook::*ledger, const std::string& book_id,
                    const std::string& order_id);

  FakeBookShelf& shelf_;
};

}  // namespace ld::fakes
