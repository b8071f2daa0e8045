#include "domain/shared/leases.hpp"

#include <utility>

namespace ld {

Leases::Held::Held(Leases& leases, std::string name) : leases_(leases), name_(std::move(name)) {
  leases_.hold(name_);
}

Leases::Held::~Held() {
  leases_.let_go(name_);
}

void Leases::hold(const std::string& name) {
  const std::scoped_lock lock(mutex_);
  ++held_[name];
}

bool Leases::let_go(const std::string& name) {
  const std::scoped_lock lock(mutex_);
  const auto it = held_.find(name);
  if (it == held_.end()) return true;
  if (--it->second > 0) return false;
  held_.erase(it);
  return true;
}

Leases::Leases(Renew renew, std::chrono::milliseconds every,
               std::function<void(const std::exception&)> failed)
    : renew_(std::move(renew)),
      every_(every),
      failed_(std::move(failed)),
      thread_([this] { run(); }) {}

Leases::~Leases() {
  {
    const std::scoped_lock lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void Leases::renew_now() {
  std::vector<std::string> names;
  {
    const std::scoped_lock lock(mutex_);
    names.reserve(held_.size());
    for (const auto& [name, holders] : held_) names.push_back(name);
  }
  if (names.empty()) return;
  try {
    renew_(names);
  } catch (const std::exception& e) {
    // The store is down: the next tick tries again; a lease that lapses meanwhile only lets
    // another holder take over, which every user of a lease makes safe.
    if (failed_) failed_(e);
  }
}

void Leases::run() {
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, every_, [this] { return stopping_; })) {
    lock.unlock();
    renew_now();
    lock.lock();
  }
}

}  // namespace ld
