// Idempotency-Key records in Redis. A record is a hash under keys::idempotency(key):
//   state "running" | "done", fingerprint; while running: locked_until (ms) and promised_id;
//   once done: status, body, content_type, location.
// A running record is locked by a short lease (S2_IDEMPOTENCY_LOCK_MS) that the request's S2
// renews while it runs (domain/shared/idempotency_leases.hpp), so an S2 that crashed
// mid-request, or a request whose unlock was lost in an outage, blocks the key for one lease
// only: after that the next attempt takes over. Records live for the replay window (24 h).
#pragma once

#include <chrono>
#include <vector>

#include "domain/shared/idempotency.hpp"
#include "storage/redis/lua_script.hpp"
#include "storage/redis/redis_pool.hpp"

namespace ld::redis {

// The fields of a completed record, as HSET pairs.
Argv completed_record_fields(const IdempotencyOutcome& outcome);

class RedisIdempotencyStore final : public IdempotencyStore {
 public:
  RedisIdempotencyStore(RedisPool& pool, std::chrono::milliseconds lock_for,
                        std::chrono::milliseconds keep_for);

  Begin begin(const std::string& key, const std::string& fingerprint,
              const std::string& candidate_id) override;
  void complete(const IdempotencyOutcome& outcome) override;
  void abandon(const std::string& key) override;
  void renew(const std::vector<std::string>& keys) override;

 private:
  RedisPool& pool_;
  std::chrono::milliseconds lock_for_;
  std::chrono::milliseconds keep_for_;
  LuaScript begin_script_;
  LuaScript release_script_;
  LuaScript renew_script_;
};

}  // namespace ld::redis
