// Runs the fake Google Books server for a test: started on a free port (it binds port 0 and
// prints the port), stopped with SIGTERM when the object goes away.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace ld::test {

class FakeGoogleBooksProcess {
 public:
  // `args` are the fake's options, e.g. {"--scenario", "quota429"}.
  explicit FakeGoogleBooksProcess(std::vector<std::string> args = {});
  ~FakeGoogleBooksProcess();
  FakeGoogleBooksProcess(const FakeGoogleBooksProcess&) = delete;
  FakeGoogleBooksProcess& operator=(const FakeGoogleBooksProcess&) = delete;

  // What to give S1 as GOOGLE_BOOKS_API_URL.
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int port() const { return port_; }
  // The request targets the fake has received, oldest first (keys included: it is the server).
  std::vector<std::string> requests() const;

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

// Where the built fake_google_books binary is.
std::string fake_google_books_binary();

}  // namespace ld::test
