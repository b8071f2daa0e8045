// What every in-memory store shares: the faults a test injects and one lock, so that each call
// is atomic like the real store's. run() applies the faults around the work of one call.
#pragma once

#include <mutex>
#include <string>
#include <type_traits>

#include "core/error.hpp"
#include "fakes/domain/faults.hpp"

namespace ld::fakes {

class FakeStore {
 public:
  explicit FakeStore(std::string store) : store_(std::move(store)) {}

  Faults faults;

  // Runs `work` as the call `operation`, failing as the test planned. `Unknown` is what a lost
  // answer throws (StoreUnavailable, or the interface's outcome-unknown error).
  template <class Unknown = StoreUnavailable, class Work>
  auto run(const std::string& operation, Work&& work) {
    const auto fault = faults.on_call(operation);
    if (fault == Fault::unavailable) throw StoreUnavailable(store_, operation + ": refused");
    if (fault == Fault::timed_out) throw Unknown(store_, operation + ": no answer in time");
    if (fault == Fault::conflict) {
      throw conflict_state("The record is being changed by another request; try again.");
    }
    std::lock_guard lock(mutex_);
    if constexpr (std::is_void_v<std::invoke_result_t<Work>>) {
      work();
      if (fault == Fault::timed_out_after_write) {
        throw Unknown(store_, operation + ": written, answer lost");
      }
    } else {
      auto result = work();
      if (fault == Fault::timed_out_after_write) {
        throw Unknown(store_, operation + ": written, answer lost");
      }
      return result;
    }
  }

 private:
  std::mutex mutex_;
  std::string store_;
};

}  // namespace ld::fakes
