// Idempotency-Key records in Redis. A record is a hash under keys::idempotency(key):
//   state "running" | "done", fingerprint; while running: locked_until (ms) and promised_id;
//   once done: status, body, content_type, location.
// A running record is locked for a short time only, so an S2 that crashed mid-request does not
// block the key for long: after that the next attempt takes over. Records live for the replay
// window (24 h).
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

 private:
  RedisPool& pool_;
  std::chrono::milliseconds lock_for_;
  std::chrono::milliseconds keep_for_;
  LuaScript begin_script_;
  LuaScript release_script_;
};

}  // namespace ld::redis
