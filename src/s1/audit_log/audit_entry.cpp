#include "s1/audit_log/audit_entry.hpp"

#include <strings.h>

#include <array>
#include <cmath>

namespace ld::s1 {

namespace {

bool same_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && ::strncasecmp(a.data(), b.data(), a.size()) == 0;
}

bool is_secret_header(std::string_view name) {
  constexpr std::array kSecret = {std::string_view("Authorization"),
                                  std::string_view("Proxy-Authorization"),
                                  std::string_view("X-Api-Key"), std::string_view("Cookie")};
  for (auto secret : kSecret) {
    if (same_name(name, secret)) return true;
  }
  return false;
}

nlohmann::ordered_json header_object(const HeaderList& headers) {
  auto object = nlohmann::ordered_json::object();
  for (const auto& [name, value] : headers) {
    auto masked = mask_header_value(name, value);
    auto it = object.find(name);
    // A repeated header (Set-Cookie, Vary) keeps every value, comma-joined as HTTP allows.
    if (it != object.end()) {
      *it = it->get<std::string>() + ", " + masked;
    } else {
      object[name] = std::move(masked);
    }
  }
  return object;
}

double round_ms(double ms) {
  return std::round(ms * 1000.0) / 1000.0;
}

}  // namespace

std::string mask_header_value(std::string_view name, std::string_view value) {
  if (!is_secret_header(name)) return std::string(value);
  const auto space = value.find(' ');
  if (space == std::string_view::npos) return "***";
  return std::string(value.substr(0, space)) + " ***";
}

std::string mask_url(std::string_view url) {
  const auto query = url.find('?');
  if (query == std::string_view::npos) return std::string(url);
  constexpr std::array kSecret = {std::string_view("key"), std::string_view("api_key"),
                                  std::string_view("access_token"), std::string_view("token")};
  std::string out(url.substr(0, query + 1));
  std::size_t pos = query + 1;
  while (pos <= url.size()) {
    auto end = url.find('&', pos);
    if (end == std::string_view::npos) end = url.size();
    const auto pair = url.substr(pos, end - pos);
    const auto eq = pair.find('=');
    const auto name = pair.substr(0, eq);
    bool secret = false;
    for (auto s : kSecret) secret = secret || same_name(name, s);
    if (secret && eq != std::string_view::npos) {
      out += std::string(name) + "=***";
    } else {
      out += pair;
    }
    if (end < url.size()) out += '&';
    pos = end + 1;
  }
  return out;
}

nlohmann::ordered_json embed_body(std::string_view body) {
  if (body.empty()) return nullptr;
  auto parsed = nlohmann::ordered_json::parse(body, nullptr, false);
  if (parsed.is_discarded()) return std::string(body);
  return parsed;
}

nlohmann::ordered_json to_log_entry(const AttemptRecord& record) {
  nlohmann::ordered_json entry;
  entry["time"] = clock::format_rfc3339(record.sent_at);
  entry["phase"] = record.phase;
  entry["request"] = {{"method", record.method},
                      {"url", mask_url(record.url)},
                      {"headers", header_object(record.request_headers)},
                      {"body", embed_body(record.request_body)}};
  if (record.status == 0) {
    entry["response"] = nullptr;
  } else {
    entry["response"] = {{"status", record.status},
                         {"headers", header_object(record.response_headers)},
                         {"body", embed_body(record.response_body)}};
  }
  entry["duration_ms"] = round_ms(record.duration_ms);
  entry["attempt"] = record.attempt;
  if (record.error.empty()) {
    entry["error"] = nullptr;
  } else {
    entry["error"] = record.error;
  }
  return entry;
}

}  // namespace ld::s1
