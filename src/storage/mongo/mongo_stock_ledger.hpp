// StockLedger on MongoDB: each book's stock counter and, inside the same document, the record of
// every order's hold and return (mongo_stock_ledger.cpp), changed together by one update under
// the rules of book_writes.hpp. Every call is timed through the pool and borrows one pooled
// client for its whole duration.
#pragma once

#include <chrono>
#include <string>

#include "domain/books/stock_ledger.hpp"
#include "storage/mongo/book_writes.hpp"
#include "storage/mongo/mongo_pool.hpp"

namespace ld::mongo {

class MongoStockLedger final : public StockLedger {
 public:
  // `writes` keeps concurrent changes to one book from losing one (book_writes.hpp).
  MongoStockLedger(MongoPool& pool, std::string database, const BookWrites& writes)
      : pool_(pool), database_(std::move(database)), writes_(writes) {}

  HeldBook hold_book_stock(const std::string& book_id, const std::string& order_id,
                           std::int64_t quantity) override;
  void release_hold(const std::string& book_id, const std::string& order_id) override;
  void settle_holds(const std::string& book_id, const std::vector<std::string>& order_ids) override;
  bool settle_hold_as_held(const std::string& book_id, const std::string& order_id,
                           const HoldReceipt& receipt) override;
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
  const BookWrites& writes_;
};

}  // namespace ld::mongo
