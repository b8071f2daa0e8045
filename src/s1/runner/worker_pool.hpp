// The concurrency of a run: C workers, each a thread with its own keep-alive connection to S2
// and its own jitter stream, taking the next record index until none are left.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "s1/generator/random.hpp"
#include "s1/s2_client/s2_connection.hpp"

namespace ld::s1 {

struct Worker {
  Worker(const S2Target& target, AuditLog* log, TrafficStats& stats, std::uint64_t jitter_seed)
      : s2(target, log, stats), jitter(jitter_seed) {}
  S2Connection s2;
  Random jitter;  // retry timing only; never decides what data is sent
};

class WorkerPool {
 public:
  WorkerPool(int size, const S2Target& target, AuditLog* log, TrafficStats& stats,
             std::uint64_t seed);

  // Runs job(worker, i) for every i in [0, count), spread over the workers; stops handing out
  // indexes once the user interrupts. Rethrows the first exception a job threw.
  void run(std::size_t count, const std::function<void(Worker&, std::size_t)>& job);

 private:
  std::vector<std::unique_ptr<Worker>> workers_;
};

}  // namespace ld::s1
