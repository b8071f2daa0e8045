#include "fakes/domain/fake_stock_ledger.hpp"

#include <stdexcept>

#include "core/ids.hpp"

namespace ld::fakes {

namespace {

void check_order_id(const std::string& order_id) {
  if (!ids::parse_order_id(order_id)) {
    throw std::invalid_argument("a stock record needs an order id (a UUID)");
  }
}

void add_stock(Book& book, std::int64_t by) {
  book.fields["stock"] = *book.stock() + by;
}

std::vector<StockHoldEntry> entries_before(const std::map<std::string, ShelvedBook>& books,
                                           std::map<std::string, LedgerEntry> ShelvedBook::*ledger,
                                           clock::Millis before, int limit) {
  std::vector<StockHoldEntry> found;
  for (const auto& [book_id, shelved] : books) {
    for (const auto& [order_id, entry] : shelved.*ledger) {
      if (static_cast<int>(found.size()) == limit) return found;
      if (entry.taken_at < before) {
        found.push_back({book_id, order_id, entry.quantity, entry.taken_at});
      }
    }
  }
  return found;
}

}  // namespace

HeldBook FakeStockLedger::hold_book_stock(const std::string& book_id, const std::string& order_id,
                                          std::int64_t quantity) {
  if (quantity <= 0) throw std::invalid_argument("hold_stock needs a positive quantity");
  check_order_id(order_id);
  return shelf_.run("hold_stock", [&]() -> HeldBook {
    const auto it = shelf_.books.find(book_id);
    if (it == shelf_.books.end()) return {StockReservation::missing, std::nullopt, std::nullopt};
    auto& [book, holds, returns, revision] = it->second;
    if (holds.contains(order_id)) return {StockReservation::already_held, book, std::nullopt};
    const auto stock = book.stock();
    if (!stock) return {StockReservation::unlimited, book, std::nullopt};
    if (*stock < quantity) return {StockReservation::insufficient, book, std::nullopt};
    add_stock(book, -quantity);
    holds[order_id] = {quantity, shelf_.clock.now()};
    ++revision;
    const HoldReceipt receipt{revision, holds.size() == 1 && returns.empty()};
    return {StockReservation::reserved, book, receipt};
  });
}

void FakeStockLedger::release_hold(const std::string& book_id, const std::string& order_id) {
  check_order_id(order_id);
  shelf_.run("release_hold", [&] {
    const auto it = shelf_.books.find(book_id);
    if (it == shelf_.books.end()) return;
    auto& [book, holds, returns, revision] = it->second;
    const auto hold = holds.find(order_id);
    if (hold == holds.end()) return;
    if (book.stock()) add_stock(book, hold->second.quantity);
    holds.erase(hold);
    ++revision;
  });
}

void FakeStockLedger::settle_holds(const std::string& book_id,
                                   const std::vector<std::string>& order_ids) {
  for (const auto& order_id : order_ids) check_order_id(order_id);
  shelf_.run("settle_holds", [&] {
    const auto it = shelf_.books.find(book_id);
    if (it == shelf_.books.end()) return;
    for (const auto& order_id : order_ids) it->second.holds.erase(order_id);
    ++it->second.revision;
  });
}

bool FakeStockLedger::settle_hold_as_held(const std::string& book_id, const std::string& order_id,
                                          const HoldReceipt& receipt) {
  check_order_id(order_id);
  return shelf_.run("settle_hold_as_held", [&] {
    const auto it = shelf_.books.find(book_id);
    if (it == shelf_.books.end() || it->second.revision != receipt.revision) return false;
    it->second.holds.erase(order_id);
    ++it->second.revision;
    return true;
  });
}

std::vector<StockHoldEntry> FakeStockLedger::holds_taken_before(clock::Millis taken_before,
                                                                int limit) {
  return shelf_.run("holds_taken_before", [&] {
    return entries_before(shelf_.books, &ShelvedBook::holds, taken_before, limit);
  });
}

void FakeStockLedger::return_stock(const std::string& book_id, const std::string& order_id,
                                   std::int64_t quantity) {
  if (quantity <= 0) throw std::invalid_argument("return_stock needs a positive quantity");
  check_order_id(order_id);
  shelf_.run("return_stock", [&] {
    const auto it = shelf_.books.find(book_id);
    if (it == shelf_.books.end()) return;
    auto& [book, holds, returns, revision] = it->second;
    if (returns.contains(order_id) || !book.stock()) return;
    add_stock(book, quantity);
    returns[order_id] = {quantity, shelf_.clock.now()};
    ++revision;
  });
}

void FakeStockLedger::forget_return(const std::string& book_id, const std::string& order_id) {
  forget_entry("forget_return", &ShelvedBook::returns, book_id, order_id);
}

void FakeStockLedger::forget_entry(const char* operation, Ledger ShelvedBook::*ledger,
                                   const std::string& book_id, const std::string& order_id) {
  check_order_id(order_id);
  shelf_.run(operation, [&] {
    const auto it = shelf_.books.find(book_id);
    if (it != shelf_.books.end() && (it->second.*ledger).erase(order_id) == 1) {
      ++it->second.revision;
    }
  });
}

std::vector<StockHoldEntry> FakeStockLedger::returns_made_before(clock::Millis made_before,
                                                                 int limit) {
  return shelf_.run("returns_made_before", [&] {
    return entries_before(shelf_.books, &ShelvedBook::returns, made_before, limit);
  });
}

std::optional<std::int64_t> FakeStockLedger::stock_of(const std::string& book_id) {
  const auto it = shelf_.books.find(book_id);
  if (it == shelf_.books.end()) return std::nullopt;
  return it->second.book.stock();
}

}  // namespace ld::fakes
