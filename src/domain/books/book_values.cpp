#include "domain/books/book_values.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

namespace ld::books {

namespace {

bool all_of(std::string_view s, int (*pred)(int)) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [pred](char c) {
    return pred(static_cast<unsigned char>(c)) != 0;
  });
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const auto end = s.find(sep, start);
    parts.push_back(s.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

}  // namespace

std::optional<std::string> canonical_language_tag(std::string_view text) {
  if (text.empty() || text.size() > kMaxLanguageTagChars) return std::nullopt;
  const auto parts = split(text, '-');
  const auto& language = parts[0];
  if (language.size() < 2 || language.size() > 3 || !all_of(language, std::isalpha)) {
    return std::nullopt;
  }
  std::string out = lower(language);
  // Subtags must come in BCP 47's order: script, then region, then any variants.
  enum { script, region, variant } next = script;
  for (std::size_t i = 1; i < parts.size(); ++i) {
    const auto& sub = parts[i];
    out += '-';
    if (next <= script && sub.size() == 4 && all_of(sub, std::isalpha)) {
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(sub[0])));
      out += lower(sub.substr(1));
      next = region;
    } else if (next <= region && ((sub.size() == 2 && all_of(sub, std::isalpha)) ||
                                  (sub.size() == 3 && all_of(sub, std::isdigit)))) {
      out += upper(sub);
      next = variant;
    } else if (((sub.size() >= 5 && sub.size() <= 8) ||
                (sub.size() == 4 && std::isdigit(static_cast<unsigned char>(sub[0])))) &&
               all_of(sub, std::isalnum)) {
      out += lower(sub);
      next = variant;
    } else {
      return std::nullopt;
    }
  }
  return out;
}

bool is_http_url(std::string_view text) {
  if (text.size() > 2048) return false;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F) return false;  // no spaces or control characters anywhere
  }
  const auto sep = text.find("://");
  if (sep == std::string_view::npos) return false;
  const auto scheme = lower(text.substr(0, sep));
  if (scheme != "http" && scheme != "https") return false;
  const auto rest = text.substr(sep + 3);
  const auto authority = rest.substr(0, rest.find_first_of("/?#"));
  // Credentials have no place in a cover link, and '@' would hide the real host from a reader.
  if (authority.empty() || authority.find('@') != std::string_view::npos) return false;
  std::string_view host = authority;
  std::string_view port;
  if (authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos || close < 3) return false;
    const auto inside = authority.substr(1, close - 1);
    if (!std::all_of(inside.begin(), inside.end(), [](char c) {
          return std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.';
        })) {
      return false;
    }
    const auto after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return false;
      port = after.substr(1);
      if (port.empty()) return false;
    }
  } else {
    const auto colon = authority.find(':');
    if (colon != std::string_view::npos) {
      host = authority.substr(0, colon);
      port = authority.substr(colon + 1);
      if (port.empty()) return false;
    }
    if (host.empty() || host.front() == '.' || host.front() == '-' ||
        !std::all_of(host.begin(), host.end(), [](char c) {
          return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-';
        })) {
      return false;
    }
  }
  if (!port.empty()) {
    if (port.size() > 5 || !all_of(port, std::isdigit) || std::stoi(std::string(port)) > 65535) {
      return false;
    }
  }
  return true;
}

}  // namespace ld::books
