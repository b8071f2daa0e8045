#include "fakes/google_books/fake_google_books_process.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "net/http_client.hpp"

namespace ld::test {

std::string fake_google_books_binary() {
  return LD_FAKE_GOOGLE_BOOKS_BINARY;
}

FakeGoogleBooksProcess::FakeGoogleBooksProcess(std::vector<std::string> args) {
  int out[2];
  if (::pipe(out) != 0) throw std::runtime_error("pipe failed");
  const std::string binary = fake_google_books_binary();
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    ::dup2(out[1], 1);
    ::close(out[0]);
    ::close(out[1]);
    std::vector<char*> argv{const_cast<char*>(binary.c_str())};
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    ::execv(binary.c_str(), argv.data());
    std::_Exit(127);
  }
  ::close(out[1]);
  // The first line is the port; reading byte by byte stops exactly at its end.
  std::string line;
  char c = 0;
  while (::read(out[0], &c, 1) == 1 && c != '\n') line.push_back(c);
  ::close(out[0]);
  try {
    port_ = std::stoi(line);
  } catch (const std::exception&) {
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
    throw std::runtime_error("fake_google_books did not print its port (got \"" + line + "\")");
  }
}

FakeGoogleBooksProcess::~FakeGoogleBooksProcess() {
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
  }
}

std::vector<std::string> FakeGoogleBooksProcess::requests() const {
  net::HttpClient client;
  const auto response =
      client.send({"GET", base_url() + "/_requests", {}, {}, std::chrono::milliseconds(5000)});
  if (response.status != 200) throw std::runtime_error("fake_google_books /_requests failed");
  return nlohmann::json::parse(response.body).get<std::vector<std::string>>();
}

}  // namespace ld::test
