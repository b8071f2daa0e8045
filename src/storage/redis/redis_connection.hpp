// One blocking connection to Redis (an owned redisContext), speaking argv-style commands only:
// every argument travels as its own length-prefixed string, so no user text is ever parsed as
// part of a command.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <hiredis/hiredis.h>

#include "storage/redis/redis_url.hpp"

namespace ld::redis {

struct ReplyFree {
  void operator()(redisReply* reply) const { freeReplyObject(reply); }
};
using Reply = std::unique_ptr<redisReply, ReplyFree>;
using Argv = std::vector<std::string>;

class RedisConnection {
 public:
  // Connects, authenticates and selects the database, each bounded by `timeout`, which also
  // bounds every later command. Throws StoreUnavailable("redis") when Redis cannot be reached.
  RedisConnection(const Endpoint& endpoint, std::chrono::milliseconds timeout);

  // Runs one command. A reply of type REDIS_REPLY_ERROR is returned, not thrown: the caller
  // knows which errors it expects. Network failures and timeouts throw StoreUnavailable and
  // leave the connection broken.
  Reply command(const Argv& argv);

  // Sends several commands in one round trip (e.g. MULTI ... EXEC) and returns their replies.
  std::vector<Reply> pipeline(const std::vector<Argv>& commands);

  // A connection that failed on the network must not be reused.
  bool broken() const { return context_ == nullptr || context_->err != 0; }

  // For a connection that sat idle in the pool: false when the server closed it meanwhile (for
  // instance Redis restarted), which shows as the socket being readable with nothing asked.
  bool still_open() const;

 private:
  [[noreturn]] void fail(const char* what) const;

  struct ContextFree {
    void operator()(redisContext* context) const { redisFree(context); }
  };
  std::unique_ptr<redisContext, ContextFree> context_;
};

// Throws unless the reply is a status or string (not an error, not nil). `what` names the call.
void expect_ok(const redisReply* reply, const char* what);

// Maps an error reply to a typed error: Redis busy, loading, read-only or out of memory is
// StoreUnavailable (503); anything else is an internal error (500). Never returns.
[[noreturn]] void throw_reply_error(const redisReply* reply, const char* what);

// The text of a string or status reply, or empty.
std::string reply_text(const redisReply* reply);

}  // namespace ld::redis
