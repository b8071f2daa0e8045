// Parsing of redis:// URLs. User and password may be percent-encoded, as URLs require for
// characters such as '@' or ':' inside a password.
#include "storage/redis/redis_url.hpp"

#include <charconv>
#include <stdexcept>

namespace ld::redis {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

int parse_number(std::string_view s, int min, int max, const char* what) {
  int value = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (s.empty() || ec != std::errc{} || ptr != s.data() + s.size() || value < min || value > max) {
    throw std::invalid_argument(std::string("redis URL: bad ") + what);
  }
  return value;
}

}  // namespace

Endpoint parse_url(std::string_view url) {
  constexpr std::string_view kScheme = "redis://";
  if (url.substr(0, kScheme.size()) != kScheme) {
    throw std::invalid_argument("redis URL must start with redis://");
  }
  Endpoint endpoint;
  std::string_view rest = url.substr(kScheme.size());
  const auto slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  if (slash != std::string_view::npos) {
    const auto db = rest.substr(slash + 1);
    if (!db.empty()) endpoint.db = parse_number(db, 0, 1 << 20, "database number");
  }
  if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
    const auto userinfo = authority.substr(0, at);
    authority = authority.substr(at + 1);
    const auto colon = userinfo.find(':');
    if (colon == std::string_view::npos) {
      // redis://secret@host: a lone userinfo is the password, as redis-cli reads it.
      endpoint.password = percent_decode(userinfo);
    } else {
      endpoint.username = percent_decode(userinfo.substr(0, colon));
      endpoint.password = percent_decode(userinfo.substr(colon + 1));
    }
  }
  std::string_view host = authority;
  if (!authority.empty() && authority.front() == '[') {  // [::1]:6379
    const auto close = authority.find(']');
    if (close == std::string_view::npos) throw std::invalid_argument("redis URL: bad IPv6 host");
    host = authority.substr(1, close - 1);
    const auto after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') throw std::invalid_argument("redis URL: bad port");
      endpoint.port = parse_number(after.substr(1), 1, 65535, "port");
    }
  } else if (const auto colon = authority.rfind(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    endpoint.port = parse_number(authority.substr(colon + 1), 1, 65535, "port");
  }
  if (host.empty()) throw std::invalid_argument("redis URL: missing host");
  endpoint.host = std::string(host);
  return endpoint;
}

}  // namespace ld::redis
