// Drives one store workload from N threads for a fixed time and summarises it the way wrk does:
// requests per second over the whole run, and the 50th and 99th latency percentiles.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

namespace ld::bench {

// One request's worth of store work; returns false when the store answered with an error.
using Operation = std::function<bool()>;

// Builds a thread's operation (and the connection it owns) before the clock starts, so that
// connecting is not counted, as wrk does not count it either.
using OperationFactory = std::function<Operation(std::size_t thread_index)>;

struct LoadSummary {
  std::string name;
  std::uint64_t requests = 0;
  std::uint64_t errors = 0;
  double seconds = 0;
  double requests_per_second = 0;
  double p50_ms = 0;
  double p99_ms = 0;
};

LoadSummary run_load(const std::string& name, std::size_t threads,
                     std::chrono::milliseconds duration, const OperationFactory& factory);

nlohmann::json to_json(const LoadSummary& summary);

}  // namespace ld::bench
