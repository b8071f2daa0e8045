#include "s1/google_books/volumes_query.hpp"

#include <cctype>

#include <fmt/format.h>

namespace ld::s1::google_books {

std::string url_encode(std::string_view text) {
  std::string out;
  out.reserve(text.size() * 3);
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(c);
    } else {
      out += fmt::format("%{:02X}", byte);
    }
  }
  return out;
}

std::string volumes_url(const VolumesQuery& query) {
  std::string_view base = query.base_url;
  while (!base.empty() && base.back() == '/') base.remove_suffix(1);
  std::string url = fmt::format("{}/volumes?q={}&startIndex={}&maxResults={}", base,
                                url_encode(query.q), query.start_index, query.max_results);
  if (!query.lang_restrict.empty()) url += "&langRestrict=" + url_encode(query.lang_restrict);
  if (!query.api_key.empty()) url += "&key=" + url_encode(query.api_key);
  return url;
}

std::string mask_key_param(std::string_view url) {
  std::string out(url);
  const auto query_start = out.find('?');
  if (query_start == std::string::npos) return out;
  std::size_t pos = query_start + 1;
  while (pos < out.size()) {
    auto end = out.find_first_of("&#", pos);
    if (end == std::string::npos) end = out.size();
    if (out.compare(pos, 4, "key=") == 0) {
      out.replace(pos + 4, end - (pos + 4), "***");
      end = pos + 4 + 3;
    }
    if (end >= out.size() || out[end] == '#') break;
    pos = end + 1;
  }
  return out;
}

std::string redact(std::string text, std::string_view secret) {
  if (secret.empty()) return text;
  for (auto pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos + 3)) {
    text.replace(pos, secret.size(), "***");
  }
  return text;
}

}  // namespace ld::s1::google_books
