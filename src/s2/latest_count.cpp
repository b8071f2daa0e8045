#include "s2/latest_count.hpp"

#include "core/store_busy.hpp"
#include "core/store_call.hpp"

namespace ld::s2 {

LatestCount::LatestCount(std::string store, std::function<std::int64_t()> count)
    : store_(std::move(store)),
      count_(std::move(count)),
      counter_([this](std::stop_token stop) { take_counts(std::move(stop)); }) {}

LatestCount::~LatestCount() {
  counter_.request_stop();
  if (counter_.joinable()) counter_.join();
}

std::uint64_t LatestCount::ask() {
  std::lock_guard lock(mutex_);
  const std::uint64_t ask = ++asked_;
  changed_.notify_all();
  return ask;
}

LatestCount::Reading LatestCount::read(std::uint64_t ask,
                                       std::chrono::steady_clock::time_point deadline,
                                       std::chrono::steady_clock::time_point first_deadline) {
  std::unique_lock lock(mutex_);
  const bool answered = changed_.wait_until(lock, latest_ ? deadline : first_deadline,
                                            [&] { return finished_ >= ask; });
  if (answered && !failure_) return {*latest_, false};
  if (answered && !busy_) std::rethrow_exception(failure_);
  if (latest_) return {*latest_, true};
  if (answered) std::rethrow_exception(failure_);
  throw StoreUnavailable(store_, "no count before the deadline");
}

void LatestCount::take_counts(std::stop_token stop) {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, stop, [&] { return asked_ > finished_; });
    if (stop.stop_requested()) return;
    // Every ask made before this count starts is answered by it.
    const std::uint64_t answers = asked_;
    lock.unlock();
    std::optional<std::int64_t> value;
    std::exception_ptr failure;
    bool busy = false;
    store_times::reset();  // this thread serves no request: keep its tally from growing
    try {
      value = count_();
    } catch (const StoreBusy&) {
      failure = std::current_exception();
      busy = true;
    } catch (...) {
      failure = std::current_exception();
    }
    lock.lock();
    finished_ = answers;
    failure_ = failure;
    busy_ = busy;
    if (value) latest_ = value;
    changed_.notify_all();
  }
}

}  // namespace ld::s2
