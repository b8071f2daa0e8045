// Everything S2 keeps in Redis, behind one object built by the composition root: the orders,
// the idempotency records, the connection pool they share and a health probe for /ready.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "core/metrics.hpp"
#include "domain/orders/order_repository.hpp"
#include "domain/shared/idempotency.hpp"
#include "domain/shared/store_status.hpp"
#include "storage/redis/redis_idempotency_store.hpp"
#include "storage/redis/redis_order_repository.hpp"
#include "storage/redis/redis_pool.hpp"

namespace ld {

struct RedisSettings {
  std::string url = "redis://127.0.0.1:6379/0";
  int pool_size = 8;
  std::chrono::milliseconds timeout{2000};  // connect, each command, and waiting for the pool
  // How long a keyed request holds its key while running (a crashed S2 frees it after this),
  // and how long its answer is kept for replays.
  std::chrono::milliseconds idempotency_lock{std::chrono::seconds(60)};
  std::chrono::milliseconds idempotency_keep{std::chrono::hours(24)};
};

class RedisStore {
 public:
  // Does not connect: construction succeeds while Redis is down, and the first use connects.
  // Throws std::invalid_argument for a malformed URL.
  RedisStore(RedisSettings settings, Metrics& metrics);

  OrderRepository& orders() { return orders_; }
  IdempotencyStore& idempotency() { return idempotency_; }

  // PING's round-trip time, and whether append-only persistence is on. Never throws.
  StoreStatus probe();

  std::int64_t pool_size() const { return pool_.size(); }
  std::int64_t pool_in_use() const { return pool_.in_use(); }

 private:
  redis::Pool pool_;
  redis::OrderStore orders_;
  redis::IdempotencyRecords idempotency_;
};

}  // namespace ld
