// Pages of a Google Books volume search over HTTP, each tried again with backoff while Google
// says "later" (quota, 5xx, no answer) and given up at once when it says "never" (bad key).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "net/http_client.hpp"
#include "s1/generator/random.hpp"
#include "s1/google_books/google_exchange.hpp"
#include "s1/s2_client/retry_policy.hpp"

namespace ld::s1::google_books {

struct SearchSettings {
  std::string base_url;
  std::string api_key;  // never printed: URLs are masked, answers redacted
  std::string lang_restrict;
  RetryPolicy retry;
  std::chrono::milliseconds timeout{10'000};
  std::uint64_t jitter_seed = 1;  // backoff jitter only; it never touches the books
};

class VolumeSearch {
 public:
  VolumeSearch(SearchSettings settings, GoogleObserver observe);

  // The volumes of one page (empty when Google has no more: no `items` key). Throws
  // GoogleBooksError when Google won't answer.
  std::vector<nlohmann::json> page(const std::string& q, std::size_t start_index);

 private:
  void report(const std::string& url_masked, int attempt, const net::HttpResponse& response);

  SearchSettings settings_;
  GoogleObserver observe_;
  net::HttpClient client_;
  Random jitter_;
};

}  // namespace ld::s1::google_books
