// The shape of one s1_log.json entry, built from what was sent and what came back, with every
// secret masked before it can reach the file.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"

namespace ld::s1 {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct AttemptRecord {
  clock::Millis sent_at = 0;
  std::string phase;  // customers, books, orders, google_books, health
  std::string method;
  std::string url;
  HeaderList request_headers;
  std::string request_body;
  long status = 0;  // 0: no response arrived
  HeaderList response_headers;
  std::string response_body;
  double duration_ms = 0;
  int attempt = 1;
  std::string error;  // the network error, when status is 0
};

// {"time", "phase", "request", "response", "duration_ms", "attempt", "error"}; AuditLog adds
// "seq". `response` is null when nothing came back.
nlohmann::ordered_json to_log_entry(const AttemptRecord& record);

// A body that parses as JSON is embedded as JSON, anything else as a string; empty is null.
nlohmann::ordered_json embed_body(std::string_view body);

// Authorization-like header values become "<scheme> ***".
std::string mask_header_value(std::string_view name, std::string_view value);

// key=, api_key=, access_token= and token= query values become ***.
std::string mask_url(std::string_view url);

}  // namespace ld::s1
