// The request and response as handlers see them: plain values, independent of the HTTP library,
// so every handler can be exercised without a socket.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace ld::http {

using Headers = std::vector<std::pair<std::string, std::string>>;

// Case-insensitive header lookup (first match).
std::optional<std::string> find_header(const Headers& headers, std::string_view name);

struct Request {
  std::string method;                        // "GET", "POST", ...
  std::string path;                          // "/customers/17" (decoded, no query)
  std::map<std::string, std::string> query;  // decoded; the first value of a repeated name
  Headers headers;
  std::string body;

  // Filled by the router: the matched pattern ("/customers/{id}") and its parameters.
  std::string route;
  std::map<std::string, std::string> params;

  std::string request_id;

  std::optional<std::string> header(std::string_view name) const {
    return find_header(headers, name);
  }
  std::optional<std::string> query_param(const std::string& name) const {
    const auto it = query.find(name);
    if (it == query.end()) return std::nullopt;
    return it->second;
  }
  const std::string& param(const std::string& name) const { return params.at(name); }
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  Headers headers;

  static Response json(int status, const nlohmann::json& body);
  static Response created(const nlohmann::json& body, std::string location);
  static Response no_content();
  static Response text(int status, std::string body, std::string content_type);

  void set_header(std::string name, std::string value);
  std::optional<std::string> header(std::string_view name) const {
    return find_header(headers, name);
  }
};

}  // namespace ld::http
