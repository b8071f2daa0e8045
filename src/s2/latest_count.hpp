// One store's count for /stats, taken on a thread of its own, so a request waits on a busy or
// slow store no longer than it chooses: past that, it answers the latest count taken, which the
// count still in flight then refreshes. One count at a time per store, however many ask.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>

namespace ld::s2 {

class LatestCount {
 public:
  // `store` names the store in a 503 ("postgres", "mongodb", "redis").
  LatestCount(std::string store, std::function<std::int64_t()> count);
  ~LatestCount();
  LatestCount(const LatestCount&) = delete;
  LatestCount& operator=(const LatestCount&) = delete;

  struct Reading {
    std::int64_t value = 0;
    bool earlier = false;  // taken before this request asked: the store was busy or slow
  };

  // Asks for a count, which starts at once unless one is in flight (then right after it).
  // Returns the ask, to be read().
  std::uint64_t ask();

  // Waits until `deadline` for the count that answers `ask` (until `first_deadline` while none
  // was ever taken). A store that is down throws its StoreUnavailable (503 naming it); a store
  // whose pool is full, or that did not answer in time, gives the latest count taken, if any.
  Reading read(std::uint64_t ask, std::chrono::steady_clock::time_point deadline,
               std::chrono::steady_clock::time_point first_deadline);

 private:
  void take_counts(std::stop_token stop);

  std::string store_;
  std::function<std::int64_t()> count_;
  std::mutex mutex_;
  std::condition_variable_any changed_;
  std::uint64_t asked_ = 0;     // counts asked for so far
  std::uint64_t finished_ = 0;  // the asks answered by the latest count to finish
  std::optional<std::int64_t> latest_;
  std::exception_ptr failure_;  // of the latest count to finish, if it failed
  bool busy_ = false;           // that failure was a full pool, not a store that is down
  std::jthread counter_;        // last member: it starts after, and stops before, what it uses
};

}  // namespace ld::s2
