// GET /orders/{id} answered on the I/O thread. The order is one Redis GET, sent through a
// connection driven by the HTTP server's own loop (storage/redis/async_redis.hpp), so the read
// costs no hand-off to a worker and blocks no thread while Redis answers; replies to many
// requests share the connection. The answer is the one the worker path gives, through the same
// first and last steps of the pipeline (App::begin, App::finish). A request it cannot answer that
// way (a malformed id, a query string) is left to the workers, which answer it in full.
#pragma once

#include "core/metrics.hpp"
#include "http/server.hpp"
#include "s2/app.hpp"
#include "storage/redis/async_redis.hpp"

namespace ld::s2 {

class OrderFastLane {
 public:
  OrderFastLane(const App& app, redis::AsyncRedis& redis, Metrics& metrics)
      : app_(app), redis_(redis), metrics_(metrics) {}

  // http::FastLane: true when it took the request (and will call `respond`).
  bool take(http::Request& request, http::Respond respond);

 private:
  const App& app_;
  redis::AsyncRedis& redis_;
  Metrics& metrics_;
};

}  // namespace ld::s2
