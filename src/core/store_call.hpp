// Times one call into a store. The time goes three places: the request's Server-Timing header
// (through a per-thread tally, since a request runs start to end on one worker thread), the
// store_operation_duration_seconds histogram, and store_errors_total when the call fails.
#pragma once

#include <chrono>
#include <string>

#include "core/metrics.hpp"

namespace ld {

enum class Store { postgres, mongodb, redis };

// "postgres", "mongodb", "redis": the names 503 problems and /ready use.
const char* store_name(Store s);
// "pg", "mongo", "redis": the names Server-Timing uses.
const char* timing_name(Store s);

// Milliseconds each store spent on the current thread's request.
struct StoreTimes {
  double ms[3] = {0, 0, 0};
  bool touched[3] = {false, false, false};
};

namespace store_times {
void reset();
StoreTimes current();
}  // namespace store_times

// Records one finished store call in the metrics (store_operation_duration_seconds, and
// store_errors_total when it failed); StoreCall does so for the calls it times, and a call
// answered later on an event loop records itself.
void record_store_call(Metrics& metrics, Store store, const char* operation, double seconds,
                       bool failed);

class StoreCall {
 public:
  StoreCall(Metrics& metrics, Store store, const char* operation);
  ~StoreCall();
  StoreCall(const StoreCall&) = delete;
  StoreCall& operator=(const StoreCall&) = delete;

  // Marks the call as failed (counted in store_errors_total).
  void failed() { failed_ = true; }

 private:
  Metrics& metrics_;
  Store store_;
  const char* operation_;
  std::chrono::steady_clock::time_point start_;
  bool failed_ = false;
};

}  // namespace ld
