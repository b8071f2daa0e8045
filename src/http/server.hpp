// The asynchronous HTTP/1.1 front (RESTinio on Asio): a few I/O threads parse requests and write
// responses; each request is handed to the worker pool, whose answer goes back to the I/O thread,
// unless the fast lane answers it on the I/O thread itself.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <asio.hpp>

#include "http/message.hpp"
#include "http/request_gate.hpp"
#include "http/worker_pool.hpp"

namespace ld::http {

struct ServerSettings {
  std::string host = "127.0.0.1";
  unsigned short port = 5000;
  std::size_t io_threads = 1;
  // Judged from each request's head before its body is read (see request_gate.hpp).
  GateLimits limits;
  HeadCheck head_check;
  AllowedMethods allowed_methods;
  // Bodies admitted but not yet fully received, across all connections; past it: 503.
  std::uint64_t body_budget = 64 * 1024 * 1024;
  // Connections served at once; more wait in the listen backlog until one closes.
  std::size_t max_connections = 512;
  std::chrono::seconds read_timeout{30};
  std::chrono::seconds handle_timeout{60};
};

using Application = std::function<Response(Request&)>;

// Answers a GET on the I/O thread, without a worker, when it can do so without blocking (a read
// from a store driven by the same loop). Returns false to leave the request to the workers; after
// returning true it calls `respond` exactly once, later, from the loop.
using Respond = std::function<void(Response)>;
using FastLane = std::function<bool(Request&, Respond)>;

class Server {
 public:
  Server(ServerSettings settings, Application app, WorkerPool& workers);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts serving; returns once listening (throws if the port can't be bound).
  void start();
  // From now on, new requests get 503 with Connection: close while the ones in flight finish.
  void begin_draining() { draining_ = true; }
  // Closes the listener and every connection, and joins the I/O threads.
  void stop();

  // The loop the I/O threads run, for clients that answer on it; and the fast lane that uses
  // them, set before start().
  asio::io_context& io_context();
  void use_fast_lane(FastLane lane);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::atomic<bool> draining_{false};
};

}  // namespace ld::http
