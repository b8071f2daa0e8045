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

// KEYS[1] the record; ARGV[1] the body fingerprint; ARGV[2] the lock time in ms.
// A different body is reported before "still running": 422 comes before 409 in the API.
constexpr const char* kBegin = R"lua(
local state = redis.call('HGET', KEYS[1], 'state')
if not state then
  redis.call('HSET', KEYS[1], 'state', 'running', 'fingerprint', ARGV[1])
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return {'started'}
end
if redis.call('HGET', KEYS[1], 'fingerprint') ~= ARGV[1] then
  return {'mismatch'}
end
if state ~= 'done' then
  return {'in_progress'}
end
local r = redis.call('HMGET', KEYS[1], 'status', 'body', 'content_type', 'location')
return {'replay', r[1], r[2], r[3], r[4]}
)lua";

std::string element_text(const redisReply* reply, std::size_t i) {
  return i < reply->elements ? reply_text(reply->element[i]) : std::string{};
}

}  // namespace

std::vector<Argv> complete_record_commands(const IdempotencyOutcome& outcome,
                                           std::chrono::milliseconds keep_for) {
  const auto key = keys::idempotency(outcome.key);
  const auto& r = outcome.response;
  return {{"DEL", key},
          {"HSET", key, "state", "done", "fingerprint", outcome.fingerprint, "status",
           std::to_string(r.status), "body", r.body, "content_type", r.content_type, "location",
           r.location},
          {"PEXPIRE", key, std::to_string(keep_for.count())}};
}

IdempotencyRecords::IdempotencyRecords(Pool& pool, std::chrono::milliseconds lock_for,
                                       std::chrono::milliseconds keep_for)
    : pool_(pool), lock_for_(lock_for), keep_for_(keep_for), begin_script_(kBegin) {}

IdempotencyStore::Begin IdempotencyRecords::begin(const std::string& key,
                                                  const std::string& fingerprint) {
  return pool_.run("idempotency.begin", [&](Connection& c) {
    const auto reply = begin_script_.run(c, {keys::idempotency(key)},
                                         {fingerprint, std::to_string(lock_for_.count())});
    if (reply->type == REDIS_REPLY_ERROR) throw_reply_error(reply.get(), "idempotency begin");
    if (reply->type != REDIS_REPLY_ARRAY || reply->elements == 0) {
      throw Error(ErrorKind::internal, "The idempotency store gave an unexpected answer.", {},
                  "redis idempotency begin: unexpected reply shape");
    }
    const std::string outcome = element_text(reply.get(), 0);
    Begin result;
    if (outcome == "started") {
      result.outcome = Outcome::started;
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

void IdempotencyRecords::complete(const IdempotencyOutcome& outcome) {
  pool_.run("idempotency.complete", [&](Connection& c) {
    run_transaction(c, complete_record_commands(outcome, keep_for_), "idempotency complete");
  });
}

void IdempotencyRecords::abandon(const std::string& key) {
  pool_.run("idempotency.abandon", [&](Connection& c) {
    const auto reply = c.command({"DEL", keys::idempotency(key)});
    if (reply->type == REDIS_REPLY_ERROR) throw_reply_error(reply.get(), "idempotency abandon");
  });
}

}  // namespace ld::redis
