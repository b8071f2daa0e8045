// A small pool of Redis connections. Connections are made on first use (so S2 starts while Redis
// is down), and a connection that failed or was closed by the server is dropped and replaced on a
// later use, so S2 recovers by itself after a Redis restart. With every connection in use, a
// caller is refused at once (StoreBusy: 503 with Retry-After) instead of queued, so a slow Redis
// holds at most `size` of S2's workers; `timeout` bounds each connect and each reply. One more
// connection, the upkeep one, carries the lease renewals, so a full pool never costs a live
// request its lease.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/metrics.hpp"
#include "core/store_call.hpp"
#include "storage/redis/redis_connection.hpp"

namespace ld::redis {

class RedisPool {
 public:
  RedisPool(Endpoint endpoint, int size, std::chrono::milliseconds timeout, Metrics& metrics);

  // Runs fn(RedisConnection&) on a pooled connection, timed as store operation `operation`
  // (Server-Timing, store_operation_duration_seconds; store_errors_total when it throws).
  // Throws StoreBusy("redis") at once when every connection is in use.
  template <class Fn>
  auto run(const char* operation, Fn&& fn) -> std::invoke_result_t<Fn, RedisConnection&> {
    StoreCall call(metrics_, Store::redis, operation);
    try {
      Lease lease(*this);
      return std::forward<Fn>(fn)(*lease.connection);
    } catch (...) {
      call.failed();
      throw;
    }
  }

  // Runs fn(RedisConnection&) on the pool's one upkeep connection, kept apart from the `size`
  // request connections and never refused: lease renewals must land while requests fill the
  // pool, or a busy S2 would lose the leases of its own live requests. Callers take turns.
  template <class Fn>
  auto run_upkeep(const char* operation, Fn&& fn) -> std::invoke_result_t<Fn, RedisConnection&> {
    StoreCall call(metrics_, Store::redis, operation);
    try {
      const std::scoped_lock lock(upkeep_mutex_);
      return std::forward<Fn>(fn)(upkeep_connection());
    } catch (...) {
      call.failed();
      throw;
    }
  }

  std::int64_t size() const { return size_; }
  std::int64_t in_use() const;

 private:
  struct Lease {
    explicit Lease(RedisPool& p) : pool(p), connection(p.take()) {}
    ~Lease() { pool.give_back(std::move(connection)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    RedisPool& pool;
    std::unique_ptr<RedisConnection> connection;
  };

  std::unique_ptr<RedisConnection> take();
  void give_back(std::unique_ptr<RedisConnection> connection);
  // The upkeep connection, made again when it broke or the server closed it (upkeep_mutex_ held).
  RedisConnection& upkeep_connection();

  Endpoint endpoint_;
  std::int64_t size_;
  std::chrono::milliseconds timeout_;
  Metrics& metrics_;

  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<RedisConnection>> idle_;
  std::int64_t open_ = 0;  // connections that exist or are being made, idle or not

  std::mutex upkeep_mutex_;
  std::unique_ptr<RedisConnection> upkeep_;
};

}  // namespace ld::redis
