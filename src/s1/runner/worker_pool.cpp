#include "s1/runner/worker_pool.hpp"

#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

#include "s1/s2_client/interruption.hpp"

namespace ld::s1 {

WorkerPool::WorkerPool(int size, const S2Target& target, AuditLog* log, TrafficStats& stats,
                       std::uint64_t seed) {
  for (int i = 0; i < size; ++i) {
    workers_.push_back(
        std::make_unique<Worker>(target, log, stats, seed ^ (0x9e3779b97f4a7c15ULL * (i + 1))));
  }
}

void WorkerPool::run(std::size_t count, const std::function<void(Worker&, std::size_t)>& job) {
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto loop = [&](Worker& worker) {
    for (;;) {
      if (interrupted()) return;
      const std::size_t i = next.fetch_add(1);
      if (i >= count) return;
      try {
        job(worker, i);
      } catch (...) {
        std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
        next = count;  // a bug, not a bad answer: stop the phase
        return;
      }
    }
  };
  const std::size_t threads = std::min(workers_.size(), count);
  std::vector<std::thread> running;
  running.reserve(threads);
  for (std::size_t t = 0; t < threads; ++t) running.emplace_back(loop, std::ref(*workers_[t]));
  for (auto& thread : running) thread.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace ld::s1
