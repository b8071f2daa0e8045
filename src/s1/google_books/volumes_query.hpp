// The URL of one page of a Google Books volume search, and the masking that keeps the API key
// out of everything S1 prints or logs.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ld::s1::google_books {

inline constexpr std::size_t kMaxResults = 40;  // the most Google Books returns per page

struct VolumesQuery {
  std::string base_url;  // e.g. https://www.googleapis.com/books/v1
  std::string q;
  std::size_t start_index = 0;
  std::size_t max_results = kMaxResults;
  std::string lang_restrict;  // empty: any language
  std::string api_key;        // empty: anonymous
};

// Percent-encodes everything but the RFC 3986 unreserved characters.
std::string url_encode(std::string_view text);

// {base}/volumes?q=..&startIndex=..&maxResults=..[&langRestrict=..][&key=..]
std::string volumes_url(const VolumesQuery& query);

// The URL with the value of every `key` parameter replaced by ***.
std::string mask_key_param(std::string_view url);

// `text` with every occurrence of `secret` replaced by *** (no change when secret is empty), for
// answers that might echo the key back.
std::string redact(std::string text, std::string_view secret);

}  // namespace ld::s1::google_books
