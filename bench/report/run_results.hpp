// Reads one run's raw results from the run folder run.sh fills:
//   s2/<slug>.json            wrk's summary line (bench/wrk/common.lua)
//   seed_stack/<slug>.json    the same for the seed-stack app (bench/seed_stack/app.py)
//   raw/<workload>.json       store_baseline's summary line
//   raw/<workload>.out        pgbench's output, with raw/<workload>.log* its per-transaction log
//   rss_kib.txt, hwm_kib.txt  S2's sampled VmRSS and its final VmHWM, in KiB
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace ld::bench {

struct Measured {
  std::string source;  // what ran: "wrk", "store_baseline", "pgbench"
  std::uint64_t requests = 0;
  std::uint64_t errors = 0;
  double requests_per_second = 0;
  double p50_ms = 0;
  double p99_ms = 0;
};

// nullopt when the step did not run (or left no result).
std::optional<Measured> read_s2(const std::string& run, const std::string& slug);
std::optional<Measured> read_seed_stack(const std::string& run, const std::string& slug);
std::optional<Measured> read_raw(const std::string& run, const std::string& workload);

struct Memory {
  std::optional<double> peak_rss_mib;  // the largest VmRSS sampled during the load
  std::optional<double> hwm_mib;       // VmHWM at the end: the peak over S2's whole life
  std::size_t samples = 0;
};
Memory read_memory(const std::string& run);

}  // namespace ld::bench
