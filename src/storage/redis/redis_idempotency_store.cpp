// begin() is one Lua script so that two requests racing with the same key cannot both start:
// Redis runs the check and the claim as one step.
#include "storage/redis/redis_idempotency_store.hpp"

#include <charconv>
#include <string_view>

#include "core/error.hpp"
#include "storage/redis/order_keys.hpp"
#include "storage/redis/redis_transaction.hpp"

namespace ld::redis {

namespace {

// KEYS[1] the record; ARGV: the body fingerprint, the lock time (ms), how long the record is
// kept (ms), and an id to promise should this be the first attempt.
// A different body is reported before "still running": 422 comes before 409 in the API.
// A running record whose lock ran out belongs to an attempt that died (or is hopelessly late):
// the next attempt takes over and is promised the same id, so it finds whatever the first one
// left behind (an order's stock holds) instead of starting over.
constexpr const char* kBegin = R"lua(
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local until_ms = string.format('%d', now + tonumber(ARGV[2]))
local r = redis.call('HMGET', KEYS[1], 'state', 'fingerprint', 'locked_until', 'promised_id')
if not r[1] then
  redis.call('HSET', KEYS[1], 'state', 'running', 'fingerprint', ARGV[1],
             'locked_until', until_ms, 'promised_id', ARGV[4])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  return {'started', ARGV[4]}
end
if r[2] ~= ARGV[1] then
  return {'mismatch'}
end
if r[1] ~= 'done' then
  if now < tonumber(r[3] or '0') then return {'in_progress'} end
  redis.call('HSET', KEYS[1], 'locked_until', until_ms)
  return {'started', r[4] or ARGV[4]}
end
local d = redis.call('HMGET', KEYS[1], 'status', 'body', 'content_type', 'location')
return {'replay', d[1], d[2], d[3], d[4]}
)lua";

// KEYS[1] the record. The attempt failed (5xx): the next one may start at once, promised the
// same id. A record already completed is left as it is.
constexpr const char* kRelease = R"lua(
if redis.call('HGET', KEYS[1], 'state') == 'running' then
  redis.call('HSET', KEYS[1], 'locked_until', '0')
end
return 0
)lua";

// KEYS: the records of the requests this S2 is running; ARGV[1]: the lease (ms). Extends the
// lock of each record still running; a completed one, or one gone, is left as it is. Redis's
// own clock sets the lease, as in begin(), so the S2s' clocks need not agree.
constexpr const char* kRenew = R"lua(
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local until_ms = string.format('%d', now + tonumber(ARGV[1]))
for _, key in ipairs(KEYS) do
  if redis.call('HGET', key, 'state') == 'running' then
    redis.call('HSET', key, 'locked_until', until_ms)
  end
end
return 0
)lua";

std::string element_text(const redisReply* reply, std::size_t i) {
  return i < reply->elements ? reply_text(reply->element[i]) : std::string{};
}

// The commands that store a completed record, run as one MULTI/EXEC.
std::vector<Argv> complete_record_commands(const IdempotencyOutcome& outcome,
                                           std::chrono::milliseconds keep_for) {
  const auto key = keys::idempotency(outcome.key);
  Argv hset{"HSET", key};
  for (auto& field : completed_record_fields(outcome)) hset.push_back(std::move(field));
  return {{"DEL", key}, std::move(hset), {"PEXPIRE", key, std::to_string(keep_for.count())}};
}

}  // namespace

Argv completed_record_fields(const IdempotencyOutcome& outcome) {
  const auto& r = outcome.response;
  return {
      "state", "done", "fingerprint",  outcome.fingerprint, "status",   std::to_string(r.status),
      "body",  r.body, "content_type", r.content_type,      "location", r.location};
}

RedisIdempotencyStore::RedisIdempotencyStore(RedisPool& pool, std::chrono::milliseconds lock_for,
                                             std::chrono::milliseconds keep_for)
    : pool_(pool),
      lock_for_(lock_for),
      keep_for_(keep_for),
      begin_script_(kBegin),
      release_script_(kRelease),
      renew_script_(kRenew) {}

IdempotencyStore::Begin RedisIdempotencyStore::begin(const std::string& key,
                                                     const std::string& fingerprint,
                                                     const std::string& candidate_id) {
  return pool_.run("idempotency.begin", [&](RedisConnection& c) {
    const auto reply = begin_script_.run(c, {keys::idempotency(key)},
                                         {fingerprint, std::to_string(lock_for_.count()),
                                          std::to_string(keep_for_.count()), candidate_id});
    if (reply->type == REDIS_REPLY_ERROR) throw_reply_error(reply.get(), "idempotency begin");
    if (reply->type != REDIS_REPLY_ARRAY || reply->elements == 0) {
      throw Error(ErrorKind::internal, "The idempotency store gave an unexpected answer.", {},
                  "redis idempotency begin: unexpected reply shape");
    }
    const std::string outcome = element_text(reply.get(), 0);
    Begin result;
    if (outcome == "started") {
      result.outcome = Outcome::started;
      result.promised_id = element_text(reply.get(), 1);
    } else if (outcome == "mismatch") {
      result.outcome = Outcome::mismatch;
    } else if (outcome == "in_progress") {
      result.outcome = Outcome::in_progress;
    } else {
      result.outcome = Outcome::replay;
      const std::string status = element_text(reply.get(), 1);
      std::from_chars(status.data(), status.data() + status.size(), result.response.status);
      result.response.body = element_text(reply.get(), 2);
      result.response.content_type = element_text(reply.get(), 3);
      result.response.location = element_text(reply.get(), 4);
    }
    return result;
  });
}

void RedisIdempotencyStore::complete(const IdempotencyOutcome& outcome) {
  pool_.run("idempotency.complete", [&](RedisConnection& c) {
    run_transaction(c, complete_record_commands(outcome, keep_for_), "idempotency complete");
  });
}

void RedisIdempotencyStore::abandon(const std::string& key) {
  pool_.run("idempotency.abandon", [&](RedisConnection& c) {
    const auto reply = release_script_.run(c, {keys::idempotency(key)}, {});
    if (reply->type == REDIS_REPLY_ERROR) throw_reply_error(reply.get(), "idempotency abandon");
  });
}

void RedisIdempotencyStore::renew(const std::vector<std::string>& keys) {
  if (keys.empty()) return;
  std::vector<std::string> records;
  records.reserve(keys.size());
  for (const auto& key : keys) records.push_back(keys::idempotency(key));
  pool_.run_upkeep("idempotency.renew", [&](RedisConnection& c) {
    const auto reply = renew_script_.run(c, records, {std::to_string(lock_for_.count())});
    if (reply->type == REDIS_REPLY_ERROR) throw_reply_error(reply.get(), "idempotency renew");
  });
}

}  // namespace ld::redis
