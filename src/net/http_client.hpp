// A blocking HTTP client over one libcurl easy handle (keep-alive between calls). Not shared
// between threads: each worker owns one. Used by S1 (S2 and Google Books) and by the
// end-to-end tests.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ld::net {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  Headers headers;
  std::string body;
  std::chrono::milliseconds timeout{10'000};
};

struct HttpResponse {
  long status = 0;  // 0 when no response arrived
  Headers headers;  // names as the server sent them
  std::string body;
  double duration_ms = 0;
  std::string error;  // the network error when status is 0

  // Case-insensitive; empty when absent.
  std::string header(const std::string& name) const;
};

class HttpClient {
 public:
  HttpClient();
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;
  HttpClient(HttpClient&&) noexcept;
  HttpClient& operator=(HttpClient&&) noexcept;

  HttpResponse send(const HttpRequest& request);

 private:
  struct Handle;
  std::unique_ptr<Handle> handle_;
};

}  // namespace ld::net
