// MongoDB as S2 uses it: the requests' connection pool, the books repository and the stock
// ledger on it, the same ledger on a client of its own for the stock-hold sweeper, the thread
// that renews the book locks they hold (book_lock.hpp), and the health probe for /ready.
// Constructing it does not connect, so S2 starts even while MongoDB is down.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/metrics.hpp"
#include "domain/books/book_repository.hpp"
#include "domain/books/stock_ledger.hpp"
#include "domain/shared/leases.hpp"
#include "domain/shared/store_status.hpp"
#include "storage/mongo/book_writes.hpp"
#include "storage/mongo/mongo_book_repository.hpp"
#include "storage/mongo/mongo_pool.hpp"
#include "storage/mongo/mongo_settings.hpp"
#include "storage/mongo/mongo_stock_ledger.hpp"

namespace ld {

class MongoStore {
 public:
  // Throws std::invalid_argument for a malformed URL; never for a server that is down.
  MongoStore(MongoSettings settings, Metrics& metrics);

  // Creates the indexes the books list uses and learns what keeps concurrent writes to a book
  // apart on this server (book_writes.hpp); throws StoreUnavailable when MongoDB is down.
  void ensure_indexes();
  mongo::BookWriteGuard book_write_guard() const { return writes_.guard(); }
  BookRepository& books() { return books_; }
  StockLedger& stock() { return stock_; }
  // The same ledger on a client of its own, for the stock-hold sweeper: the sweep never takes a
  // client a request needs, and a pool full of requests never refuses the sweep.
  StockLedger& stock_for_sweep() { return sweep_stock_; }
  // {ping: 1}: up or down, how long it took, and why it is down. Never throws.
  StoreStatus probe();
  std::int64_t pool_size() const { return settings_.pool_size; }

 private:
  void renew_locks(const std::vector<std::string>& tokens);

  MongoSettings settings_;
  Metrics& metrics_;
  mongo::MongoPool pool_;
  // Used by the lease thread alone, so a pool busy with requests never delays a renewal.
  std::unique_ptr<mongo::OwnClient> lease_client_;
  Leases lock_leases_;
  mongo::BookWrites writes_;
  mongo::MongoBookRepository books_;
  mongo::MongoStockLedger stock_;
  mongo::MongoPool sweep_pool_;
  mongo::MongoStockLedger sweep_stock_;
};

}  // namespace ld
