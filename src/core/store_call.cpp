#include "core/store_call.hpp"

namespace ld {

namespace {
thread_local StoreTimes tally;
}

const char* store_name(Store s) {
  switch (s) {
    case Store::postgres:
      return "postgres";
    case Store::mongodb:
      return "mongodb";
    case Store::redis:
      return "redis";
  }
  return "unknown";
}

const char* timing_name(Store s) {
  switch (s) {
    case Store::postgres:
      return "pg";
    case Store::mongodb:
      return "mongo";
    case Store::redis:
      return "redis";
  }
  return "unknown";
}

namespace store_times {
void reset() {
  tally = StoreTimes{};
}
StoreTimes current() {
  return tally;
}
}  // namespace store_times

StoreCall::StoreCall(Metrics& metrics, Store store, const char* operation)
    : metrics_(metrics),
      store_(store),
      operation_(operation),
      start_(std::chrono::steady_clock::now()) {}

StoreCall::~StoreCall() {
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start_;
  const auto i = static_cast<std::size_t>(store_);
  tally.ms[i] += elapsed.count() * 1000.0;
  tally.touched[i] = true;
  record_store_call(metrics_, store_, operation_, elapsed.count(), failed_);
}

void record_store_call(Metrics& metrics, Store store, const char* operation, double seconds,
                       bool failed) {
  metrics.observe("store_operation_duration_seconds",
                  {{"store", store_name(store)}, {"operation", operation}}, seconds);
  if (failed) metrics.count("store_errors_total", {{"store", store_name(store)}});
}

}  // namespace ld
