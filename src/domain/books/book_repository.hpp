// What the bookstore needs from the store that keeps books (MongoDB).
#pragma once

#include <cstdint>
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
  virtual std::optional<Book> find(const std::string& id) = 0;
  // By id ascending; page.after holds the last id seen.
  virtual Page<Book> list(const BookFilter& filter, const PageRequest& page) = 0;
  // Replaces the stored fields of the version that `book.updated_at` names (read it with find,
  // change its fields, pass it back). Throws 409 like create, or a 409 naming no field when the
  // book changed since that version (read again and retry); nullopt when the book is gone.
  virtual std::optional<Book> update(const Book& book) = 0;
  virtual bool remove(const std::string& id) = 0;
  virtual std::int64_t count() = 0;

  // Takes `quantity` copies for the order `order_id` (never below zero) and records the hold in
  // the same atomic update. Taking again for an order that already holds copies of this book
  // takes nothing and answers `already_held`: a retried order reuses what its first attempt took.
  virtual StockReservation hold_stock(const std::string& id, const std::string& order_id,
                                      std::int64_t quantity) = 0;
  // Undoes hold_stock: the held copies go back to the stock and the hold is gone. Nothing
  // happens when the book has no such hold, so running it twice gives back once.
  virtual void release_hold(const std::string& id, const std::string& order_id) = 0;
  // The order was stored: its copies stay taken and the hold is forgotten.
  virtual void settle_hold(const std::string& id, const std::string& order_id) = 0;
  // Holds taken before `taken_before`, at most `limit`.
  virtual std::vector<StockHoldEntry> holds_taken_before(clock::Millis taken_before, int limit) = 0;

  // Gives a cancelled order's `quantity` copies back to a book that counts its stock, and
  // records the return in the same update: running it again for the order gives nothing more.
  virtual void return_stock(const std::string& id, const std::string& order_id,
                            std::int64_t quantity) = 0;
  // The order store no longer lists the restock as due: the record of the return can go.
  virtual void forget_return(const std::string& id, const std::string& order_id) = 0;
  // Returns recorded before `made_before` (taken_at is when), at most `limit`.
  virtual std::vector<StockHoldEntry> returns_made_before(clock::Millis made_before, int limit) = 0;
};

}  // namespace ld
