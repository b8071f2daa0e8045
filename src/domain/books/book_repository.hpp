// What the bookstore needs from the store that keeps books (MongoDB). Their stock has an
// interface of its own (stock_ledger.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/books/book.hpp"
#include "domain/shared/page.hpp"

namespace ld {

class BookRepository {
 public:
  virtual ~BookRepository() = default;

  // Assigns the times, and the id unless `book.id` brings one (a retried request's promised
  // id): when a book with that id is stored already, that book is returned and nothing is
  // written. Throws a 409 Error naming "isbn_13", "isbn_10" or "google_volume_id" when one is
  // taken by another book.
  virtual Book create(const Book& book) = 0;
  virtual std::optional<Book> find(const std::string& id) = 0;
  // By id ascending; page.after holds the last id seen.
  virtual Page<Book> list(const BookFilter& filter, const PageRequest& page) = 0;
  // Replaces the stored fields of `read` (a version find returned) with those of `changed` (a
  // copy of it with some fields changed). Throws 409 like create, or a 409 naming no field when
  // the book changed since that version (read again and retry); nullopt when the book is gone.
  // The book's stock ledger (holds and returns of orders) stays as it is, and so do the copies
  // orders took or gave back since `read`: only the change made to the stock is applied
  // (stock_to_store).
  virtual std::optional<Book> update(const Book& read, const Book& changed) = 0;
  virtual bool remove(const std::string& id) = 0;
  virtual std::int64_t count() = 0;
};

}  // namespace ld
