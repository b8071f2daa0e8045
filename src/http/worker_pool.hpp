// A fixed set of worker threads with a bounded queue. The store drivers block (libmongoc is
// synchronous), so handlers run here, never on the I/O threads; a full queue is refused at once
// (503) rather than letting latency grow without bound.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace ld::http {

class WorkerPool {
 public:
  WorkerPool(std::size_t threads, std::size_t queue_limit);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // False when the queue is full or the pool is stopping.
  bool submit(std::function<void()> task);

  // Waits until every queued and running task has finished (or `timeout` passes).
  bool wait_idle(std::chrono::milliseconds timeout);

  std::size_t busy() const;
  std::size_t queued() const;
  std::size_t threads() const { return threads_.size(); }

 private:
  void run();

  mutable std::mutex mutex_;
  std::condition_variable work_ready_;
  std::condition_variable idle_;
  std::deque<std::function<void()>> queue_;
  std::size_t queue_limit_;
  std::size_t running_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace ld::http
