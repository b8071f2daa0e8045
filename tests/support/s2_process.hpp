// Runs the real s2 binary for an end-to-end test: on a free port, against the test stores,
// waiting until /health answers; stopped with SIGTERM when the object goes away.
#pragma once

#include <sys/types.h>
#include <string>
#include <utility>
#include <vector>

namespace ld::test {

class S2Process {
 public:
  using Env = std::vector<std::pair<std::string, std::string>>;

  // Starts s2 with S2_PORT set to a free port and S2_PG_URL / S2_MONGO_URL / S2_MONGO_DB /
  // S2_REDIS_URL set to the test stores; `extra` adds or overrides variables.
  explicit S2Process(Env extra = {});
  ~S2Process();
  S2Process(const S2Process&) = delete;
  S2Process& operator=(const S2Process&) = delete;

  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int port() const { return port_; }
  pid_t pid() const { return pid_; }

  // Sends `signal`; returns the exit status (or 128 + signal) once the process ends.
  int stop(int signal);
  // Starts it again on the same port, after stop().
  void restart();
  // What s2 wrote to stderr/stdout so far (its log).
  std::string log() const;

 private:
  void launch();
  Env env_;
  int port_ = 0;
  pid_t pid_ = -1;
  std::string log_path_;
};

// A free TCP port on 127.0.0.1.
int free_port();

}  // namespace ld::test
