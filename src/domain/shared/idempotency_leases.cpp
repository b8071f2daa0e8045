#include "domain/shared/idempotency_leases.hpp"

#include <exception>
#include <utility>
#include <vector>

namespace ld {

IdempotencyLeases::Held::Held(IdempotencyLeases& leases, std::string key)
    : leases_(leases), key_(std::move(key)) {
  const std::scoped_lock lock(leases_.mutex_);
  ++leases_.in_flight_[key_];
}

IdempotencyLeases::Held::~Held() {
  const std::scoped_lock lock(leases_.mutex_);
  const auto it = leases_.in_flight_.find(key_);
  if (it != leases_.in_flight_.end() && --it->second == 0) leases_.in_flight_.erase(it);
}

IdempotencyLeases::IdempotencyLeases(IdempotencyStore& store, std::chrono::milliseconds every,
                                     std::function<void(const std::exception&)> failed)
    : store_(store), every_(every), failed_(std::move(failed)), thread_([this] { run(); }) {}

IdempotencyLeases::~IdempotencyLeases() {
  {
    const std::scoped_lock lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void IdempotencyLeases::renew_now() {
  std::vector<std::string> keys;
  {
    const std::scoped_lock lock(mutex_);
    keys.reserve(in_flight_.size());
    for (const auto& [key, holders] : in_flight_) keys.push_back(key);
  }
  if (keys.empty()) return;
  try {
    store_.renew(keys);
  } catch (const std::exception& e) {
    // The store is down: the next tick tries again; a lease that lapses meanwhile only lets a
    // retry take over, which the promised id makes safe.
    if (failed_) failed_(e);
  }
}

void IdempotencyLeases::run() {
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, every_, [this] { return stopping_; })) {
    lock.unlock();
    renew_now();
    lock.lock();
  }
}

}  // namespace ld
