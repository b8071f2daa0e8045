// The books as S2 serves them: kept by a BookRepository (the system of record), listed and
// searched through a BookIndex. Writes keep the two in step in an order a crash cannot turn into
// a wrong list, only into a row that says more than its book or a row without a book, both of
// which the list skips after checking the book itself:
//   create: the row first (widened), then the book;
//   update that changes a listed value: the row widened to both versions, then the book, then
//     the row narrowed to the version stored; an update that changes none writes no row;
//   remove: the book first, then the row.
// Until the index is complete (the back-fill of books stored before it ran to its end), lists
// are answered by the repository's own query.
#pragma once

#include <atomic>
#include <stop_token>

#include "domain/books/book_index.hpp"
#include "domain/books/book_repository.hpp"

namespace ld {

class IndexedBookRepository final : public BookRepository {
 public:
  IndexedBookRepository(BookRepository& books, BookIndex& index) : books_(books), index_(index) {}

  Book create(const Book& book) override;
  Book create_fresh(const Book& book) override { return create(book); }
  std::optional<Book> find(const std::string& id) override { return books_.find(id); }
  std::vector<Book> find_each(const std::vector<std::string>& ids) override {
    return books_.find_each(ids);
  }
  Page<Book> list(const BookFilter& filter, const PageRequest& page) override;
  std::optional<Book> update(const Book& read, const Book& changed) override;
  bool remove(const std::string& id) override;
  std::int64_t count() override { return books_.count(); }
  void each(const std::function<void(const Book&)>& visit) override { books_.each(visit); }

 private:
  bool index_complete();
  Page<Book> list_from_index(const BookFilter& filter, const PageRequest& page);

  BookRepository& books_;
  BookIndex& index_;
  std::atomic<bool> complete_{false};  // once true, stays true: a completed back-fill is final
};

// Gives every stored book its row, then records the index complete. Safe while books are being
// written: each row is only widened, so it never stops matching a version written meanwhile, and
// a book removed meanwhile leaves at most a row without a book. Does nothing when the index is
// complete already; stops early, without recording it complete, once `stop` is requested.
// Returns how many books it read.
std::int64_t backfill_book_index(BookRepository& books, BookIndex& index,
                                 std::stop_token stop = {});

}  // namespace ld
