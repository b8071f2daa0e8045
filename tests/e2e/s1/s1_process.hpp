// Runs the real s1 binary for an end-to-end test, in the foreground (exit status and output)
// or in the background (to be killed mid-run).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace ld::test {

struct S1Result {
  int exit_code = -1;  // 128 + signal when killed
  std::string out;
  std::string err;
};

class S1Process {
 public:
  using Env = std::vector<std::pair<std::string, std::string>>;

  // Starts `s1 args...` with `env` added to this process's environment (and S1_ENV_FILE empty,
  // so no .env is read).
  S1Process(std::vector<std::string> args, Env env);
  ~S1Process();
  S1Process(const S1Process&) = delete;
  S1Process& operator=(const S1Process&) = delete;

  // Waits for the end (killing it after `limit`) and returns what it did.
  S1Result wait(std::chrono::seconds limit = std::chrono::seconds(600));
  void kill(int signal);
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  std::string out_path_;
  std::string err_path_;
};

// Runs s1 to the end.
S1Result run_s1(std::vector<std::string> args, S1Process::Env env = {});

std::string read_file(const std::string& path);

}  // namespace ld::test
