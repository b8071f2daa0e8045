// Every thread keeps its own latencies (no sharing on the hot path); they are merged once at
// the end. A closed loop, like wrk: each thread sends its next request when the last one ends,
// and throughput is what completed within the duration, divided by the duration.
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
  // Set before the threads are released (the barrier publishes it to them).
  Clock::time_point deadline;
  std::atomic<bool> abandon{false};

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
      for (;;) {
        const auto start = Clock::now();
        if (start >= deadline || abandon.load(std::memory_order_relaxed)) break;
        bool ok = false;
        try {
          ok = operation();
        } catch (const std::exception&) {
          ok = false;
        }
        const auto end = Clock::now();
        // Like wrk, only what completes within the duration counts; the request in flight at
        // the end is finished but not counted (it would stretch the run past its length).
        if (end > deadline) break;
        if (ok) {
          const auto us = std::chrono::duration_cast<std::chrono::microseconds>(end - start);
          tally.latencies_us.push_back(static_cast<std::uint32_t>(us.count()));
        } else {
          ++tally.errors;
        }
      }
    });
  }

  deadline = Clock::now() + duration;
  ready.arrive_and_wait();
  // A thread that could not connect ends the run at once: the others' numbers would not be of
  // the concurrency asked for.
  if (std::any_of(tallies.begin(), tallies.end(),
                  [](const ThreadTally& t) { return bool(t.failure); })) {
    abandon = true;
  }
  workers.clear();  // joins once every thread has passed the deadline
  for (auto& tally : tallies) {
    if (tally.failure) std::rethrow_exception(tally.failure);
  }
  const std::chrono::duration<double> elapsed = duration;

  LoadSummary summary;
  summary.name = name;
  summary.seconds = elapsed.count();
  std::vector<std::uint32_t> all;
  for (auto& tally : tallies) {
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
