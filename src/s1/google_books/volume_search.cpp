#include "s1/google_books/volume_search.hpp"

#include <thread>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "s1/google_books/google_error.hpp"
#include "s1/google_books/volumes_query.hpp"

namespace ld::s1::google_books {

using nlohmann::json;

VolumeSearch::VolumeSearch(SearchSettings settings, GoogleObserver observe)
    : settings_(std::move(settings)),
      observe_(std::move(observe)),
      jitter_(settings_.jitter_seed) {}

void VolumeSearch::report(const std::string& url_masked, int attempt,
                          const net::HttpResponse& response) {
  if (!observe_) return;
  GoogleExchange exchange;
  exchange.method = "GET";
  exchange.url_masked = url_masked;
  exchange.attempt = attempt;
  exchange.status = response.status;
  for (const auto& [name, value] : response.headers) {
    exchange.response_headers.emplace_back(name, redact(value, settings_.api_key));
  }
  exchange.response_body = redact(response.body, settings_.api_key);
  exchange.duration_ms = response.duration_ms;
  exchange.error = redact(response.error, settings_.api_key);
  observe_(exchange);
}

std::vector<json> VolumeSearch::page(const std::string& q, std::size_t start_index) {
  const VolumesQuery query{settings_.base_url, q, start_index, kMaxResults, settings_.lang_restrict,
                           settings_.api_key};
  const std::string url = volumes_url(query);
  const std::string shown = mask_key_param(url);
  for (int attempt = 1;; ++attempt) {
    const auto response =
        client_.send({"GET", url, {{"Accept", "application/json"}}, {}, settings_.timeout});
    report(shown, attempt, response);
    const GoogleErrorBody error =
        response.status == 200 ? GoogleErrorBody{} : parse_error_body(response.body);
    const Answer answer = judge(response.status, error);
    if (answer == Answer::ok) {
      const json doc = json::parse(response.body, nullptr, false);
      if (!doc.is_object()) {
        throw GoogleBooksError(Answer::rejected,
                               fmt::format("Google Books sent an answer that is not a volumes "
                                           "response for {}",
                                           shown));
      }
      const auto items = doc.find("items");
      if (items == doc.end() || !items->is_array()) return {};  // no hits: no items key
      return {items->begin(), items->end()};
    }
    const int retries_left = settings_.retry.retries - (attempt - 1);
    if (!worth_retrying(answer) || retries_left <= 0) {
      std::string detail = response.status == 0 ? redact(response.error, settings_.api_key)
                                                : fmt::format("HTTP {}", response.status);
      if (!error.message.empty()) detail += ": " + redact(error.message, settings_.api_key);
      if (!error.reasons.empty()) detail += fmt::format(" ({})", fmt::join(error.reasons, ", "));
      const std::string tries =
          worth_retrying(answer) ? fmt::format(" after {} attempts", attempt) : "";
      throw GoogleBooksError(answer, fmt::format("Google Books {}{} at {}: {}", describe(answer),
                                                 tries, shown, detail));
    }
    const auto retry_after = parse_retry_after(response.header("Retry-After"));
    std::this_thread::sleep_for(
        backoff_delay(settings_.retry, attempt, retry_after, jitter_.unit()));
  }
}

}  // namespace ld::s1::google_books
