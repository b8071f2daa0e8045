// StockLedger on MongoDB: each book's stock counter and, inside the same document, the record of
// every order's hold and return (mongo_stock_ledger.cpp), changed together by one update under
// the book's lock (book_lock.hpp). Every call is timed through the pool and borrows one pooled
// client for its whole duration.
#pragma once

#include <chrono>
#include <string>

#include "domain/books/stock_ledger.hpp"
#include "domain/shared/leases.hpp"
#include "storage/mongo/mongo_pool.hpp"

namespace ld::mongo {

class MongoStockLedger final : public StockLedger {
 public:
  // `lock_wait` bounds how long a change waits for another write to the same book.
  // The book locks it takes are renewed through `lock_leases` (book_lock.hpp).
  MongoStockLedger(MongoPool& pool, std::string database, std::chrono::milliseconds lock_wait,
                   Leases& lock_leases)
      : pool_(pool),
        database_(std::move(database)),
        lock_wait_(lock_wait),
        lock_leases_(lock_leases) {}

  StockReservation hold_stock(const std::string& book_id, const std::string& order_id,
                              std::int64_t quantity) override;
  void release_hold(const std::string& book_id, const std::string& order_id) override;
  void settle_holds(const std::string& book_id, const std::vector<std::string>& order_ids) override;
  void return_stock(const std::string& book_id, const std::string& order_id,
                    std::int64_t quantity) override;
  void forget_return(const std::string& book_id, const std::string& order_id) override;
  // Scans of the books that carry holds or returns: few at any time, since both last only
  // until the next sweep or two.
  std::vector<StockHoldEntry> holds_taken_before(clock::Millis taken_before, int limit) override;
  std::vector<StockHoldEntry> returns_made_before(clock::Millis made_before, int limit) override;

 private:
  void end_entries(const std::string& book_id, const std::vector<std::string>& order_ids,
                   const char* ledger, bool give_back, const char* operation);
  std::vector<StockHoldEntry> entries_before(const char* ledger, clock::Millis before, int limit,
                                             const char* operation);

  MongoPool& pool_;
  std::string database_;
  std::chrono::milliseconds lock_wait_;
  Leases& lock_leases_;
};

}  // namespace ld::mongo
