// The in-memory MongoDB behind FakeBookRepository and FakeStockLedger: like the real store, a
// book's stock ledger (holds and returns of orders) lives with the book, so removing a book takes
// its ledger along and replacing its fields leaves the ledger alone. One set of faults and one
// lock serve both interfaces, as one server does.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "domain/books/book.hpp"
#include "fakes/domain/fake_clock.hpp"
#include "fakes/domain/fake_store.hpp"

namespace ld::fakes {

struct LedgerEntry {
  std::int64_t quantity = 0;
  clock::Millis taken_at = 0;
};

using Ledger = std::map<std::string, LedgerEntry>;  // by order id

struct ShelvedBook {
  Book book;
  Ledger holds;
  Ledger returns;
  std::int64_t revision = 0;  // one more for every write, as the real store counts them
};

class FakeBookShelf : public FakeStore {
 public:
  FakeBookShelf() : FakeStore("mongodb") {}

  FakeClock clock;
  std::map<std::string, ShelvedBook> books;  // by id; change only inside run() or between calls
  std::int64_t next_id = 1;
};

}  // namespace ld::fakes
