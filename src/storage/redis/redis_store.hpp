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
#include "storage/redis/redis_settings.hpp"

namespace ld {

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
  redis::RedisPool pool_;
  redis::RedisOrderRepository orders_;
  redis::RedisIdempotencyStore idempotency_;
};

}  // namespace ld
