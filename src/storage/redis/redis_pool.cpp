// RedisPool bookkeeping. Connecting happens outside the lock so that one slow connect (Redis down
// behind a firewall) does not stall requests that could use an idle connection.
#include "storage/redis/redis_pool.hpp"

#include <fmt/format.h>

#include "core/error.hpp"

namespace ld::redis {

RedisPool::RedisPool(Endpoint endpoint, int size, std::chrono::milliseconds timeout,
                     Metrics& metrics)
    : endpoint_(std::move(endpoint)),
      size_(size < 1 ? 1 : size),
      timeout_(timeout),
      metrics_(metrics) {}

std::int64_t RedisPool::in_use() const {
  std::lock_guard lock(mutex_);
  return open_ - static_cast<std::int64_t>(idle_.size());
}

std::unique_ptr<RedisConnection> RedisPool::take() {
  const auto deadline = std::chrono::steady_clock::now() + timeout_;
  std::unique_lock lock(mutex_);
  for (;;) {
    while (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      if (connection->still_open()) return connection;
      --open_;  // closed by the server while idle: drop it and look further
    }
    if (open_ < size_) {
      ++open_;
      lock.unlock();
      try {
        return std::make_unique<RedisConnection>(endpoint_, timeout_);
      } catch (...) {
        lock.lock();
        --open_;
        freed_.notify_one();
        throw;
      }
    }
    if (freed_.wait_until(lock, deadline) == std::cv_status::timeout && idle_.empty() &&
        open_ >= size_) {
      throw StoreUnavailable("redis",
                             fmt::format("no free Redis connection within {} ms (pool of {})",
                                         timeout_.count(), size_));
    }
  }
}

void RedisPool::give_back(std::unique_ptr<RedisConnection> connection) {
  {
    std::lock_guard lock(mutex_);
    if (connection && !connection->broken()) {
      idle_.push_back(std::move(connection));
    } else {
      --open_;
    }
  }
  freed_.notify_one();
  // A broken connection is destroyed here, outside the lock (closing a socket may block).
}

}  // namespace ld::redis
