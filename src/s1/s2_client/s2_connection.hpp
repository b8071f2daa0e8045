// One worker's keep-alive connection to S2. Every attempt goes through attempt(), so each one
// gets its own X-Request-Id, lands in the audit log and is counted in the traffic table.
#pragma once

#include <chrono>
#include <string>

#include "net/http_client.hpp"
#include "s1/audit_log/audit_log.hpp"
#include "s1/report/traffic_stats.hpp"

namespace ld::s1 {

struct S2Target {
  std::string base_url;  // without a trailing slash
  std::string token;     // empty: no Authorization header
  std::chrono::milliseconds timeout{10'000};
  std::string run_id;  // ties this run's X-Request-Ids together in S2's log
};

struct Call {
  std::string phase;     // log phase: customers, books, orders, verify
  std::string endpoint;  // traffic table row: "POST /customers", "GET /books/{id}"
  std::string method = "GET";
  std::string path;  // with its query, appended to the base URL
  std::string body;
  std::string idempotency_key;  // empty: none
};

class S2Connection {
 public:
  // `log` may be null (verify reads a log; it does not write one).
  S2Connection(const S2Target& target, AuditLog* log, TrafficStats& stats);

  // Sends one attempt; never throws for network trouble (status 0 and error set instead).
  net::HttpResponse attempt(const Call& call, int attempt_number);

  const S2Target& target() const { return target_; }

 private:
  const S2Target& target_;
  AuditLog* log_;
  TrafficStats& stats_;
  net::HttpClient http_;
};

// The base URL without a trailing slash.
std::string trim_base_url(std::string url);

}  // namespace ld::s1
