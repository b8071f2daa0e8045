// An order exactly as Redis holds it: its string key with the stored JSON, every index sorted
// set it is a member of, the restock queue and void marker when they name it, the idempotency
// record of the POST that created it, and each key's time to live. For the console's "where is
// it stored" view; it only reads, on a pool of its own, so looking never takes a connection the
// API needs.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/metrics.hpp"
#include "storage/redis/redis_pool.hpp"
#include "storage/redis/redis_store.hpp"

namespace ld::redis {

class OrderInspection {
 public:
  OrderInspection(const RedisSettings& settings, Metrics& metrics);

  // {"db", "order": {key, type, ttl_ms, value}, "indexes": [{key, member, ttl_ms, size}...],
  //  "restock_due", "void_marker", "idempotency": {key, ttl_ms, fields} | null}, or nullopt
  // when no order has this id. ttl_ms is -1 for a key kept for ever. Throws
  // StoreUnavailable("redis") when Redis is down.
  std::optional<nlohmann::ordered_json> order(const std::string& id);

 private:
  int db_;
  RedisPool pool_;
};

}  // namespace ld::redis
