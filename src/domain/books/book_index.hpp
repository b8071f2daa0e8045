// What the bookstore needs from the store that lists and searches books (PostgreSQL): for every
// book, the values the list filters of GET /books compare, folded as they compare them, ordered
// by book id. The books themselves stay in their own store (book_repository.hpp), the system of
// record: the index only says which ids to read, and every book read is checked against the
// filter again (book_filter.hpp), so a row that says more than its book (a superset left by a
// crash between the two writes) or a row whose book is gone never puts a wrong book in a list.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "domain/books/book.hpp"

namespace ld {

// One book's row. Each list holds every value the row matches; a row written while a book
// changes holds the values of both versions.
struct BookIndexEntry {
  std::string book_id;
  std::vector<std::string> texts;       // folded title, then each folded author (q)
  std::vector<std::string> authors;     // folded (author)
  std::vector<std::string> categories;  // folded (category)
  std::vector<std::string> languages;   // canonical tags as stored (language)

  friend bool operator==(const BookIndexEntry&, const BookIndexEntry&) = default;
};

// The row that matches exactly what `book` matches.
BookIndexEntry index_entry_of(const Book& book);

// Every call may throw StoreUnavailable when the store is down or does not answer in time.
class BookIndex {
 public:
  virtual ~BookIndex() = default;

  // Makes the row of entry.book_id match at least what it matched and what `entry` matches
  // (inserting it when there is none). Never makes a row match less, so it is safe before the
  // book is written.
  virtual void widen(const BookIndexEntry& entry) = 0;
  // widen for each entry (each of another book), in one round trip where the store can.
  virtual void widen_all(const std::vector<BookIndexEntry>& entries) {
    for (const auto& entry : entries) widen(entry);
  }
  // Makes the row match exactly `entry`, the book as stored at version `version` (its
  // updated_at), unless the row already records a later version.
  virtual void narrow(const BookIndexEntry& entry, clock::Millis version) = 0;
  virtual void forget(const std::string& book_id) = 0;
  // Up to `count` ids of rows that match `filter`, ascending, all greater than `after`.
  virtual std::vector<std::string> ids(const BookFilter& filter,
                                       const std::optional<std::string>& after, int count) = 0;

  // Whether every book stored before the index existed has its row (the back-fill ran to its
  // end once), so a list may trust the index.
  virtual bool complete() = 0;
  virtual void mark_complete() = 0;
};

}  // namespace ld
