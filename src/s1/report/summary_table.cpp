#include "s1/report/summary_table.hpp"

#include <fmt/format.h>

namespace ld::s1 {

void print_traffic_table(std::ostream& out, const std::vector<EndpointSummary>& endpoints) {
  out << fmt::format("{:<28} {:>7} {:>7} {:>7} {:>7} {:>7} {:>9} {:>9} {:>9} {:>8}\n", "endpoint",
                     "sent", "2xx", "4xx", "5xx", "netfail", "p50 ms", "p95 ms", "p99 ms", "req/s");
  for (const auto& e : endpoints) {
    out << fmt::format("{:<28} {:>7} {:>7} {:>7} {:>7} {:>7} {:>9.2f} {:>9.2f} {:>9.2f} {:>8.1f}\n",
                       e.endpoint, e.sent, e.status_2xx, e.status_4xx, e.status_5xx,
                       e.network_failures, e.p50_ms, e.p95_ms, e.p99_ms, e.requests_per_second);
  }
}

void print_outcome_table(std::ostream& out, const std::vector<OutcomeTally>& phases) {
  out << fmt::format("{:<10} {:>7} {:>7} {:>8} {:>8} {:>10} {:>10} {:>7} {:>7}\n", "phase",
                     "planned", "created", "replayed", "existing", "invalid4xx", "invalid2xx",
                     "failed", "skipped");
  for (const auto& p : phases) {
    out << fmt::format("{:<10} {:>7} {:>7} {:>8} {:>8} {:>10} {:>10} {:>7} {:>7}\n", p.phase,
                       p.planned, p.created, p.replayed, p.already_present, p.rejected_as_expected,
                       p.invalid_accepted, p.failed, p.skipped);
  }
}

}  // namespace ld::s1
