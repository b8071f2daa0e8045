#include "s1/report/traffic_stats.hpp"

#include <algorithm>
#include <cmath>

namespace ld::s1 {

double percentile(std::vector<double> samples, double p) {
  if (samples.empty()) return 0;
  std::sort(samples.begin(), samples.end());
  // Nearest rank: the smallest sample with at least p% of the samples at or below it.
  const auto n = samples.size();
  auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(n)));
  rank = std::clamp<std::size_t>(rank, 1, n);
  return samples[rank - 1];
}

void TrafficStats::record(const std::string& endpoint, long status, double duration_ms,
                          Clock::time_point start, Clock::time_point end) {
  std::lock_guard lock(mutex_);
  auto [it, inserted] = tallies_.try_emplace(endpoint);
  Tally& t = it->second;
  if (inserted) {
    t.order = tallies_.size();
    t.counts.endpoint = endpoint;
    t.first_start = start;
    t.last_end = end;
  }
  t.first_start = std::min(t.first_start, start);
  t.last_end = std::max(t.last_end, end);
  ++t.counts.sent;
  if (status == 0) {
    ++t.counts.network_failures;
  } else if (status >= 200 && status < 300) {
    ++t.counts.status_2xx;
  } else if (status >= 400 && status < 500) {
    ++t.counts.status_4xx;
  } else if (status >= 500) {
    ++t.counts.status_5xx;
  }
  t.latencies_ms.push_back(duration_ms);
}

std::vector<EndpointSummary> TrafficStats::summarize() const {
  std::vector<std::pair<std::size_t, EndpointSummary>> ordered;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [name, t] : tallies_) {
      EndpointSummary s = t.counts;
      s.p50_ms = percentile(t.latencies_ms, 50);
      s.p95_ms = percentile(t.latencies_ms, 95);
      s.p99_ms = percentile(t.latencies_ms, 99);
      const double seconds = std::chrono::duration<double>(t.last_end - t.first_start).count();
      s.requests_per_second = seconds > 0 ? static_cast<double>(s.sent) / seconds : 0;
      ordered.emplace_back(t.order, std::move(s));
    }
  }
  std::sort(ordered.begin(), ordered.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<EndpointSummary> out;
  for (auto& [order, s] : ordered) out.push_back(std::move(s));
  return out;
}

}  // namespace ld::s1
