// An Asio loop on a thread of its own, standing for the HTTP server's I/O thread, with one of the
// clients S2 drives from it (storage/redis/async_redis.hpp, storage/postgres/async_postgres.hpp);
// and the waits for the answers that come on it.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <asio.hpp>

namespace ld::test {

// `Client` is made on the loop with the given arguments after the loop's own, and dropped in the
// order S2 drops it: once the loop has stopped.
template <class Client>
class LoopThread {
 public:
  template <class... Args>
  explicit LoopThread(Args&&... args)
      : guard_(asio::make_work_guard(io_)), thread_([this] { io_.run(); }) {
    client_.emplace(io_, std::forward<Args>(args)...);
  }
  ~LoopThread() {
    guard_.reset();
    io_.stop();
    thread_.join();
    client_.reset();
  }
  LoopThread(const LoopThread&) = delete;
  LoopThread& operator=(const LoopThread&) = delete;

  Client& client() { return *client_; }

 private:
  asio::io_context io_;
  asio::executor_work_guard<asio::io_context::executor_type> guard_;
  std::thread thread_;
  std::optional<Client> client_;
};

// Calls `send` with a callback and waits for the answer it is called with; one that never comes
// fails the test (naming `what`) after 15 s.
template <class Reply>
Reply answer_of(const std::function<void(std::function<void(Reply)>)>& send,
                const std::string& what) {
  auto answered = std::make_shared<std::promise<Reply>>();
  auto future = answered->get_future();
  send([answered](Reply reply) { answered->set_value(std::move(reply)); });
  if (future.wait_for(std::chrono::seconds(15)) != std::future_status::ready) {
    ADD_FAILURE() << "no answer for " << what;
    return {};
  }
  return future.get();
}

// Request `i` of thread `t`: sends it, and calls `answered` once with whether its answer was the
// right one.
using Request = std::function<void(int t, int i, std::function<void(bool right)> answered)>;

// Sends `each` requests from each of `threads` threads at once, waits for every answer (15 s at
// most), and expects every one answered, and answered right.
inline void expect_every_answer_right(int threads, int each, const Request& request) {
  std::atomic<int> right{0};
  std::atomic<int> answered{0};
  std::vector<std::thread> senders;
  for (int t = 0; t < threads; ++t) {
    senders.emplace_back([&, t] {
      for (int i = 0; i < each; ++i) {
        request(t, i, [&](bool ok) {
          if (ok) ++right;
          ++answered;
        });
      }
    });
  }
  for (auto& s : senders) s.join();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (answered.load() < threads * each && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_EQ(answered.load(), threads * each);
  EXPECT_EQ(right.load(), threads * each);
}

}  // namespace ld::test
