// RedisPool bookkeeping. Connecting happens outside the lock so that one slow connect (Redis down
// behind a firewall) does not stall requests that could use an idle connection.
#include "storage/redis/redis_pool.hpp"

#include "core/store_busy.hpp"

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
  std::unique_lock lock(mutex_);
  while (!idle_.empty()) {
    auto connection = std::move(idle_.back());
    idle_.pop_back();
    if (connection->still_open()) return connection;
    --open_;  // closed by the server while idle: drop it and look further
  }
  // No queue: with every connection in use the store already has all the work it may have.
  if (open_ >= size_) throw StoreBusy("redis");
  ++open_;
  lock.unlock();
  try {
    return std::make_unique<RedisConnection>(endpoint_, timeout_);
  } catch (...) {
    lock.lock();
    --open_;
    throw;
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
  // A broken connection is destroyed here, outside the lock (closing a socket may block).
}

RedisConnection& RedisPool::upkeep_connection() {
  if (!upkeep_ || upkeep_->broken() || !upkeep_->still_open()) {
    upkeep_.reset();  // first, so a failed connect leaves none rather than a broken one
    upkeep_ = std::make_unique<RedisConnection>(endpoint_, timeout_);
  }
  return *upkeep_;
}

}  // namespace ld::redis
