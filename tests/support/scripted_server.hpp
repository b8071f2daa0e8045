// A real HTTP/1.1 server on 127.0.0.1 that answers from a script, one response per request, and
// remembers what it received: enough to watch S1's retries on the wire.
#pragma once

#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace ld::test {

struct ScriptedResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

struct ReceivedRequest {
  std::string method;
  std::string target;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::chrono::steady_clock::time_point at;
  std::string header(const std::string& name) const;
};

class ScriptedServer {
 public:
  // Once the script runs out, every request gets `fallback`.
  explicit ScriptedServer(std::vector<ScriptedResponse> script,
                          ScriptedResponse fallback = {500, {}, "script exhausted"});
  ~ScriptedServer();
  ScriptedServer(const ScriptedServer&) = delete;
  ScriptedServer& operator=(const ScriptedServer&) = delete;

  std::string base_url() const;
  std::vector<ReceivedRequest> received() const;

 private:
  void serve();
  void serve_connection(int fd);
  ScriptedResponse next_response();

  int listen_fd_ = -1;
  int port_ = 0;
  mutable std::mutex mutex_;
  std::deque<ScriptedResponse> script_;
  ScriptedResponse fallback_;
  std::vector<ReceivedRequest> received_;
  std::vector<std::thread> connections_;
  std::vector<int> open_fds_;
  std::thread acceptor_;
};

}  // namespace ld::test
