// BookRepository on MongoDB: the books collection (book_document.hpp) and the book_keys
// collection for unique ISBNs and volume ids (book_keys.hpp). The stock inside each book is the
// stock ledger's (mongo_stock_ledger.hpp). Every write to an existing book follows
// book_writes.hpp, so it never undoes another. Every call is timed through the pool and borrows one
// pooled client for its whole duration.
#pragma once

#include <string>

#include "domain/books/book_repository.hpp"
#include "storage/mongo/book_writes.hpp"
#include "storage/mongo/mongo_pool.hpp"

namespace ld::mongo {

class MongoBookRepository final : public BookRepository {
 public:
  // `writes` keeps concurrent writes to one book from losing one (book_writes.hpp).
  MongoBookRepository(MongoPool& pool, std::string database, const BookWrites& writes)
      : pool_(pool), database_(std::move(database)), writes_(writes) {}

  Book create(const Book& book) override { return insert(book, true); }
  Book create_fresh(const Book& book) override { return insert(book, false); }
  std::optional<Book> find(const std::string& id) override;
  // One find by _id each, on one pooled client: an equality on _id is the lookup every server
  // answers from its index (FerretDB 1.24 pushes no $in down and would read every book).
  std::vector<Book> find_each(const std::vector<std::string>& ids) override;
  Page<Book> list(const BookFilter& filter, const PageRequest& page) override;
  std::optional<Book> update(const Book& read, const Book& changed) override;
  bool remove(const std::string& id) override;
  std::int64_t count() override;
  // One unsorted scan of the collection on one pooled client, with no time limit on the server:
  // FerretDB sorts in memory, so walking it page by page would read the catalog once a page.
  void each(const std::function<void(const Book&)>& visit) override;

  // The indexes the list filters use, and the stock_pending flag of books stored before it
  // (stock_pending_backfill.hpp). Idempotent; throws StoreUnavailable when MongoDB is down.
  void ensure_indexes();

 private:
  // `maybe_stored`: the id may be an earlier attempt's, whose book is then the answer; looked up
  // first so that its claims on ISBNs are not made again.
  Book insert(const Book& book, bool maybe_stored);

  MongoPool& pool_;
  std::string database_;
  const BookWrites& writes_;
};

}  // namespace ld::mongo
