#include "fakes/domain/faults.hpp"

#include <algorithm>

namespace ld::fakes {

void Faults::fail(const std::string& operation, Fault fault, int nth) {
  std::lock_guard lock(mutex_);
  planned_[operation].push_back({calls_[operation] + nth, fault});
}

void Faults::fail_always(const std::string& operation, Fault fault) {
  std::lock_guard lock(mutex_);
  always_[operation] = fault;
}

void Faults::before_next(const std::string& operation, std::function<void()> hook) {
  std::lock_guard lock(mutex_);
  hooks_[operation].push_back(std::move(hook));
}

void Faults::clear() {
  std::lock_guard lock(mutex_);
  planned_.clear();
  always_.clear();
  hooks_.clear();
}

int Faults::calls(const std::string& operation) const {
  std::lock_guard lock(mutex_);
  const auto it = calls_.find(operation);
  return it == calls_.end() ? 0 : it->second;
}

std::optional<Fault> Faults::on_call(const std::string& operation) {
  std::function<void()> hook;
  std::optional<Fault> fault;
  {
    std::lock_guard lock(mutex_);
    const int call = ++calls_[operation];
    if (auto& hooks = hooks_[operation]; !hooks.empty()) {
      hook = std::move(hooks.front());
      hooks.erase(hooks.begin());
    }
    auto& planned = planned_[operation];
    const auto due = std::find_if(planned.begin(), planned.end(),
                                  [call](const Planned& p) { return p.at_call == call; });
    if (due != planned.end()) {
      fault = due->fault;
      planned.erase(due);
    } else if (const auto always = always_.find(operation); always != always_.end()) {
      fault = always->second;
    }
  }
  if (hook) hook();  // outside the lock: a hook may call into the fakes
  return fault;
}

}  // namespace ld::fakes
