// The PostgreSQL side of S2: its connection pool, schema migrations, health probe, the
// customers repository and the books' list and search index. Constructing it opens no connection,
// so S2 starts while the server is down and serves customers as soon as the server is up.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "core/metrics.hpp"
#include "domain/books/book_index.hpp"
#include "domain/customers/customer_repository.hpp"
#include "domain/shared/store_status.hpp"
#include "storage/postgres/postgres_pool.hpp"
#include "storage/postgres/postgres_settings.hpp"

namespace ld::postgres {
class PostgresCustomerRepository;
class PostgresBookIndex;
}  // namespace ld::postgres

namespace ld {

class PostgresStore {
 public:
  PostgresStore(PostgresSettings settings, Metrics& metrics);
  ~PostgresStore();
  PostgresStore(const PostgresStore&) = delete;
  PostgresStore& operator=(const PostgresStore&) = delete;

  // Applies the pending schemas/postgresql/NNN_*.sql files, each in a transaction, recorded in
  // schema_migrations, under an advisory lock; running it again is a no-op. Throws
  // StoreUnavailable("postgres") when the server is down; the store then applies them itself
  // before the next customer operation, so S2 may start anyway. Throws an internal Error when a
  // migration fails.
  void migrate();

  CustomerRepository& customers();
  BookIndex& book_index();

  // Whether customer reads may go to the server directly (s2/customer_fast_lane.hpp): no
  // migration is waiting to be applied first.
  bool schema_ready() const { return schema_.load() != Schema::pending; }
  // The customers' pool's settings, for connections set up the same way (async_postgres.hpp).
  const postgres::PoolSettings& pool_settings() const { return pool_.settings(); }

  // SELECT 1 on a pooled connection: whether it answered, how fast, and why not.
  StoreStatus probe();

  std::int64_t pool_in_use() const;
  std::int64_t pool_size() const;
  std::int64_t index_pool_in_use() const;
  std::int64_t index_pool_size() const;

 private:
  enum class Schema { not_requested, pending, applied };
  void apply_migrations();
  void ensure_schema();

  PostgresSettings settings_;
  Metrics& metrics_;
  postgres::PostgresPool pool_;
  postgres::PostgresPool index_pool_;  // the book index's own (postgres_settings.hpp)
  std::unique_ptr<postgres::PostgresCustomerRepository> customers_;
  std::unique_ptr<postgres::PostgresBookIndex> book_index_;
  std::mutex schema_mutex_;
  std::atomic<Schema> schema_{Schema::not_requested};
};

}  // namespace ld
