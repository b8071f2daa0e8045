// BookIndex in memory, with the contract of book_index.hpp: widen only ever adds values, narrow
// replaces them unless the row records a later version, ids in ascending order, and the faults a
// test injects (faults.hpp; operation names are the method names).
#pragma once

#include <map>

#include "domain/books/book_index.hpp"
#include "fakes/domain/fake_store.hpp"

namespace ld::fakes {

class FakeBookIndex final : public BookIndex {
 public:
  struct Row {
    BookIndexEntry entry;
    clock::Millis version = 0;
  };

  FakeBookIndex() : store_("postgres") {}

  void widen(const BookIndexEntry& entry) override;
  void narrow(const BookIndexEntry& entry, clock::Millis version) override;
  void forget(const std::string& book_id) override;
  std::vector<std::string> ids(const BookFilter& filter, const std::optional<std::string>& after,
                               int count) override;
  bool complete() override;
  void mark_complete() override;

  Faults& faults() { return store_.faults; }
  // Change only between calls.
  std::map<std::string, Row> rows;
  bool is_complete = false;

 private:
  FakeStore store_;
};

}  // namespace ld::fakes
