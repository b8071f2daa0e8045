#include "s1/verify/verify_command.hpp"

#include <exception>

#include <fmt/format.h>

#include "core/ids.hpp"
#include "s1/audit_log/log_writer.hpp"
#include "s1/report/summary_table.hpp"
#include "s1/s2_client/health_check.hpp"
#include "s1/verify/store_check.hpp"

namespace ld::s1 {

namespace {

constexpr std::size_t kProblemsShown = 50;

void print_checks(std::ostream& out, const std::vector<StoreCheck>& checks) {
  out << fmt::format("{:<22} {:>8} {:>8} {:>8} {:>10} {:>10} {:>10}\n", "store", "created", "found",
                     "missing", "different", "duplicates", "unchecked");
  for (const auto& c : checks) {
    out << fmt::format("{:<22} {:>8} {:>8} {:>8} {:>10} {:>10} {:>10}\n", c.store, c.created,
                       c.found, c.missing, c.different, c.duplicates, c.unchecked);
  }
  for (const auto& c : checks) {
    if (c.problems.empty()) continue;
    out << '\n' << c.store << ":\n";
    for (std::size_t i = 0; i < c.problems.size() && i < kProblemsShown; ++i) {
      out << "  " << c.problems[i] << '\n';
    }
    if (c.problems.size() > kProblemsShown) {
      out << fmt::format("  ... and {} more\n", c.problems.size() - kProblemsShown);
    }
  }
}

}  // namespace

int run_verify(const VerifyOptions& o, std::ostream& out, std::ostream& err) {
  LogContents log;
  try {
    if (log_being_written(o.log_path)) {
      err << "s1 verify: " << o.log_path << " is still being written; waiting for that run\n";
    }
    wait_until_written(o.log_path);
    log = read_acknowledged(o.log_path);
  } catch (const std::exception& e) {
    err << "s1 verify: " << e.what() << '\n';
    return 2;
  }
  S2Target target{trim_base_url(o.server.empty() ? log.server : o.server), "", o.timeout,
                  ids::new_request_id().substr(0, 8)};
  if (target.base_url.empty()) {
    err << "s1 verify: " << o.log_path << " holds no request to S2; nothing to verify\n";
    return 2;
  }
  const auto health =
      check_health(target.base_url, std::min(o.timeout, std::chrono::milliseconds(5000)),
                   "s1-" + target.run_id + "-health");
  if (health.problem) {
    err << "s1 verify: " << *health.problem << '\n';
    return 2;
  }
  out << fmt::format("verifying {} ({} entries) against {}\n", o.log_path, log.entries,
                     target.base_url);

  TrafficStats traffic;
  S2Connection s2(target, nullptr, traffic);
  RetryPolicy policy;
  policy.retry_for = o.retry_for;
  Random jitter(static_cast<std::uint64_t>(log.entries) * 0x9e3779b97f4a7c15ULL + 1);
  VerifySession session{s2, policy, jitter, {}, {}, stock_taken_by(log.orders)};

  // Books before orders: the orders' item snapshots are checked against the books acknowledged.
  std::vector<StoreCheck> checks;
  checks.push_back(check_customers(session, log.customers));
  checks.push_back(check_books(session, log.books));
  checks.push_back(check_orders(session, log.orders));

  out << '\n';
  print_checks(out, checks);
  out << "\nTraffic per endpoint\n";
  print_traffic_table(out, traffic.summarize());

  bool ok = true;
  for (const auto& c : checks) ok = ok && c.ok();
  err << (ok ? "s1 verify: everything S2 acknowledged is stored as acknowledged, once\n"
             : "s1 verify: some acknowledged records are missing, different or duplicated\n");
  return ok ? 0 : 1;
}

}  // namespace ld::s1
