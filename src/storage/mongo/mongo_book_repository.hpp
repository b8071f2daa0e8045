// BookRepository on MongoDB: the books collection (book_document.hpp), the book_keys collection
// for unique ISBNs and volume ids (book_keys.hpp), and stock counters changed by conditional
// updates that record each order's hold (mongo_book_stock.cpp). Every write to an existing book
// holds its lock (book_lock.hpp). Every call is timed through StoreCall and borrows one pooled
// client for its whole duration.
#pragma once

#include <chrono>
#include <string>

#include "core/error.hpp"
#include "core/store_call.hpp"
#include "domain/books/book_repository.hpp"
#include "storage/mongo/mongo_pool.hpp"

namespace ld::mongo {

class MongoBookRepository final : public BookRepository {
 public:
  // `lock_wait` bounds how long a write waits for another write to the same book (book_lock.hpp).
  MongoBookRepository(MongoPool& pool, std::string database, Metrics& metrics,
                      std::chrono::milliseconds lock_wait)
      : pool_(pool), database_(std::move(database)), metrics_(metrics), lock_wait_(lock_wait) {}

  Book create(const Book& book) override;
  std::optional<Book> find(const std::string& id) override;
  Page<Book> list(const BookFilter& filter, const PageRequest& page) override;
  std::optional<Book> update(const Book& book) override;
  bool remove(const std::string& id) override;
  std::int64_t count() override;
  StockReservation hold_stock(const std::string& id, const std::string& order_id,
                              std::int64_t quantity) override;
  void release_hold(const std::string& id, const std::string& order_id) override;
  void settle_hold(const std::string& id, const std::string& order_id) override;
  void return_stock(const std::string& id, const std::string& order_id,
                    std::int64_t quantity) override;
  void forget_return(const std::string& id, const std::string& order_id) override;
  // Scans of the books that carry holds or returns: few at any time, since both last only
  // until the next sweep or two.
  std::vector<StockHoldEntry> holds_taken_before(clock::Millis taken_before, int limit) override;
  std::vector<StockHoldEntry> returns_made_before(clock::Millis made_before, int limit) override;

  // The indexes the list filters use, and the search grams of books stored before them
  // (search_backfill.hpp). Idempotent; throws StoreUnavailable when MongoDB is down.
  void ensure_indexes();

 private:
  void end_entry(const std::string& id, const std::string& order_id, const char* ledger,
                 bool give_back, const char* operation);
  std::vector<StockHoldEntry> entries_before(const char* ledger, clock::Millis before, int limit,
                                             const char* operation);

  // Runs `work(client)` as one timed store call; failures of the store count as its errors,
  // a client's mistakes (409, 400) do not.
  template <class Work>
  auto run(const char* operation, Work&& work) {
    StoreCall call(metrics_, Store::mongodb, operation);
    try {
      PooledClient client = pool_.acquire();
      return work(client);
    } catch (const Error& e) {
      if (e.kind() == ErrorKind::unavailable || e.kind() == ErrorKind::internal) call.failed();
      throw;
    } catch (...) {
      call.failed();
      throw;
    }
  }

  Collection books(const PooledClient& client) const {
    return client.collection(database_, "books");
  }
  Collection keys(const PooledClient& client) const {
    return client.collection(database_, "book_keys");
  }
  Collection locks(const PooledClient& client) const {
    return client.collection(database_, "book_locks");
  }

  MongoPool& pool_;
  std::string database_;
  Metrics& metrics_;
  std::chrono::milliseconds lock_wait_;
};

}  // namespace ld::mongo
