#include "support/s2_process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "net/http_client.hpp"
#include "support/test_env.hpp"

namespace ld::test {

int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  const int port = ntohs(addr.sin_port);
  ::close(fd);
  return port;
}

S2Process::S2Process(Env extra) : port_(free_port()) {
  env_ = {{"S2_PORT", std::to_string(port_)},
          {"S2_HOST", "127.0.0.1"},
          {"S2_PG_URL", pg_url()},
          {"S2_MONGO_URL", mongo_url()},
          {"S2_MONGO_DB", mongo_db()},
          {"S2_REDIS_URL", redis_url()},
          {"S2_STORE_TIMEOUT_MS", "1500"},
          {"S2_ENV_FILE", ""}};
  for (auto& kv : extra) env_.push_back(std::move(kv));
  log_path_ = "/tmp/s2-test-" + std::to_string(port_) + ".log";
  launch();
}

S2Process::~S2Process() {
  if (pid_ > 0) stop(SIGTERM);
  ::unlink(log_path_.c_str());
}

void S2Process::launch() {
  const std::string binary = binary_path("s2");
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    for (const auto& [k, v] : env_) ::setenv(k.c_str(), v.c_str(), 1);
    const int fd = ::open(log_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      ::dup2(fd, 1);
      ::dup2(fd, 2);
    }
    ::execl(binary.c_str(), binary.c_str(), static_cast<char*>(nullptr));
    std::_Exit(127);
  }
  net::HttpClient client;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("s2 exited during start-up:\n" + log());
    }
    const auto r =
        client.send({"GET", base_url() + "/health", {}, {}, std::chrono::milliseconds(500)});
    if (r.status == 200) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  // Don't leave an unready server behind: the destructor will not run for a failed constructor.
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
  pid_ = -1;
  throw std::runtime_error("s2 did not answer /health within 60 s:\n" + log());
}

int S2Process::stop(int signal) {
  if (pid_ <= 0) return -1;
  ::kill(pid_, signal);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

void S2Process::restart() {
  if (pid_ > 0) stop(SIGTERM);
  launch();
}

std::string S2Process::log() const {
  std::ifstream in(log_path_);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace ld::test
