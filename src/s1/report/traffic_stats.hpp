// Counts and latencies of every attempt, per endpoint ("POST /customers", "GET /books/{id}"),
// for the summary table. Thread-safe: every worker records into one instance.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace ld::s1 {

struct EndpointSummary {
  std::string endpoint;
  std::uint64_t sent = 0;
  std::uint64_t status_2xx = 0;
  std::uint64_t status_4xx = 0;
  std::uint64_t status_5xx = 0;
  std::uint64_t network_failures = 0;  // no HTTP answer at all
  double p50_ms = 0;
  double p95_ms = 0;
  double p99_ms = 0;
  double requests_per_second = 0;  // over the time this endpoint was in use
};

// Nearest-rank percentile (0 < p <= 100) of unsorted samples; 0 when there are none.
double percentile(std::vector<double> samples, double p);

class TrafficStats {
 public:
  using Clock = std::chrono::steady_clock;

  // status 0 = network failure.
  void record(const std::string& endpoint, long status, double duration_ms, Clock::time_point start,
              Clock::time_point end);

  // In first-use order.
  std::vector<EndpointSummary> summarize() const;

 private:
  struct Tally {
    std::size_t order = 0;
    EndpointSummary counts;
    std::vector<double> latencies_ms;
    Clock::time_point first_start;
    Clock::time_point last_end;
  };
  mutable std::mutex mutex_;
  std::map<std::string, Tally> tallies_;
};

}  // namespace ld::s1
