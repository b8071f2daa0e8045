#include "s1/s2_client/health_check.hpp"

#include <fmt/format.h>

#include "core/clock.hpp"
#include "net/http_client.hpp"

namespace ld::s1 {

HealthCheck check_health(const std::string& base_url, std::chrono::milliseconds timeout,
                         const std::string& request_id) {
  net::HttpClient http;
  net::HttpRequest request;
  request.url = base_url + "/health";
  request.headers = {{"Accept", "application/json"}, {"X-Request-Id", request_id}};
  request.timeout = timeout;
  HealthCheck check;
  check.attempt.sent_at = clock::now_ms();
  const auto response = http.send(request);
  check.attempt.phase = "health";
  check.attempt.method = request.method;
  check.attempt.url = request.url;
  check.attempt.request_headers = request.headers;
  check.attempt.status = response.status;
  check.attempt.response_headers = response.headers;
  check.attempt.response_body = response.body;
  check.attempt.duration_ms = response.duration_ms;
  check.attempt.error = response.error;
  if (response.status == 0) {
    check.problem =
        fmt::format("S2 is not reachable at {} ({}). Start it, or point --server or S2_URL at it.",
                    base_url, response.error);
  } else if (response.status != 200) {
    check.problem = fmt::format("S2 at {} answered GET /health with HTTP {}; is that S2?", base_url,
                                response.status);
  }
  return check;
}

}  // namespace ld::s1
