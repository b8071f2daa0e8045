// One Redis connection driven by the HTTP server's own Asio loop, for reads answered without
// leaving the I/O thread: a request is parsed, its GET written, and its answer sent by the same
// thread, with no hand-off to a worker and no thread blocked on the reply. Commands from many
// requests share the connection, pipelined in the order they come; Redis answers in that order.
//
// Failure is bounded like the pooled connections': a reply that does not come within the timeout
// fails its request and drops the connection (every request waiting on it fails too); a dropped
// connection is made again by the next request, and while Redis refuses connections a request
// fails at once instead of trying again more than every kReconnectPause.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include <asio.hpp>

#include "storage/redis/redis_settings.hpp"

namespace ld::redis {

class AsyncRedis {
 public:
  struct Reply {
    enum class Kind { value, nil, failed } kind = Kind::failed;
    std::string text;  // the value, or why it failed (for the log)
  };
  using Done = std::function<void(Reply)>;

  static constexpr std::chrono::milliseconds kReconnectPause{250};

  // Does not connect: the first command does. Throws std::invalid_argument for a malformed URL.
  AsyncRedis(asio::io_context& io, const RedisSettings& settings);
  // Call once `io` runs no more (after the HTTP server stopped): commands still waiting are
  // dropped without calling their `done`.
  ~AsyncRedis();
  AsyncRedis(const AsyncRedis&) = delete;
  AsyncRedis& operator=(const AsyncRedis&) = delete;

  // GET `key`; `done` runs once, on the loop, with the value, nil or the failure. Callable from
  // any thread.
  void get(std::string key, Done done);

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace ld::redis
