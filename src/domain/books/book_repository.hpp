// What the bookstore needs from the store that keeps books (MongoDB). Their stock has an
// interface of its own (stock_ledger.hpp).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

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
  // As create, for a book whose id the caller has just made (ids::new_book_id), which no stored
  // book can hold: a store may skip looking for an earlier attempt's book.
  virtual Book create_fresh(const Book& book) { return create(book); }
  virtual std::optional<Book> find(const std::string& id) = 0;
  // The books with these ids that exist, in the order asked. Stores that can read several
  // books by id faster than one find each override it.
  virtual std::vector<Book> find_each(const std::vector<std::string>& ids) {
    std::vector<Book> out;
    for (const auto& id : ids) {
      if (auto book = find(id)) out.push_back(std::move(*book));
    }
    return out;
  }
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
  // Hands every stored book to `visit`, in no particular order, reading the store once; books
  // written meanwhile may or may not be seen. For whole-catalog jobs (the book index's
  // back-fill), never for a request.
  virtual void each(const std::function<void(const Book&)>& visit) {
    PageRequest page;
    page.limit = 100;
    for (;;) {
      auto result = list(BookFilter{}, page);
      for (const auto& book : result.items) visit(book);
      if (!result.next) return;
      page.after = result.next;
    }
  }
};

}  // namespace ld
