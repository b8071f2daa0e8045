// Every thread keeps its own latencies (no sharing on the hot path); they are merged once at
// the end. A closed loop, like wrk: each thread sends its next request when the last one ends.
#include "baseline/load_run.hpp"

#include <algorithm>
#include <atomic>
#include <barrier>
#include <exception>
#include <stdexcept>
#include <thread>
#include <vector>

namespace ld::bench {

namespace {

using Clock = std::chrono::steady_clock;

struct ThreadTally {
  std::vector<std::uint32_t> latencies_us;  // successful requests only, as wrk reports them
  std::uint64_t errors = 0;
  std::exception_ptr failure;  // the operation could not even be built (store down)
};

double percentile_ms(std::vector<std::uint32_t>& sorted_us, double fraction) {
  if (sorted_us.empty()) return 0;
  const auto rank = static_cast<std::size_t>(fraction * static_cast<double>(sorted_us.size() - 1));
  return sorted_us[rank] / 1000.0;
}

}  // namespace

LoadSummary run_load(const std::string& name, std::size_t threads,
                     std::chrono::milliseconds duration, const OperationFactory& factory) {
  if (threads == 0) throw std::invalid_argument("at least one thread is needed");
  std::vector<ThreadTally> tallies(threads);
  std::barrier ready(static_cast<std::ptrdiff_t>(threads + 1));
  std::atomic<bool> stop{false};

  std::vector<std::jthread> workers;
  workers.reserve(threads);
  for (std::size_t i = 0; i < threads; ++i) {
    workers.emplace_back([&, i] {
      ThreadTally& tally = tallies[i];
      Operation operation;
      try {
        operation = factory(i);
      } catch (...) {
        tally.failure = std::current_exception();
      }
      tally.latencies_us.reserve(1 << 16);
      ready.arrive_and_wait();
      if (!operation) return;
      while (!stop.load(std::memory_order_relaxed)) {
        const auto start = Clock::now();
        bool ok = false;
        try {
          ok = operation();
        } catch (const std::exception&) {
          ok = false;
        }
        const auto us =
            std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start).count();
        if (ok) {
          tally.latencies_us.push_back(static_cast<std::uint32_t>(us));
        } else {
          ++tally.errors;
        }
      }
    });
  }

  ready.arrive_and_wait();
  const auto started = Clock::now();
  // A thread that could not connect stops the run at once: its numbers would be meaningless.
  const bool all_ready = std::none_of(tallies.begin(), tallies.end(),
                                      [](const ThreadTally& t) { return bool(t.failure); });
  if (all_ready) std::this_thread::sleep_for(duration);
  stop = true;
  workers.clear();  // joins; the last request of each thread finishes and counts
  const std::chrono::duration<double> elapsed = Clock::now() - started;

  LoadSummary summary;
  summary.name = name;
  summary.seconds = elapsed.count();
  std::vector<std::uint32_t> all;
  for (auto& tally : tallies) {
    if (tally.failure) std::rethrow_exception(tally.failure);
    summary.errors += tally.errors;
    all.insert(all.end(), tally.latencies_us.begin(), tally.latencies_us.end());
  }
  std::sort(all.begin(), all.end());
  summary.requests = all.size();
  summary.requests_per_second = static_cast<double>(all.size()) / summary.seconds;
  summary.p50_ms = percentile_ms(all, 0.50);
  summary.p99_ms = percentile_ms(all, 0.99);
  return summary;
}

nlohmann::json to_json(const LoadSummary& summary) {
  return {{"name", summary.name},
          {"requests", summary.requests},
          {"errors", summary.errors},
          {"seconds", summary.seconds},
          {"requests_per_second", summary.requests_per_second},
          {"p50_ms", summary.p50_ms},
          {"p99_ms", summary.p99_ms}};
}

}  // namespace ld::bench
