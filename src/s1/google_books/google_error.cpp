#include "s1/google_books/google_error.hpp"

#include <algorithm>
#include <array>

#include <nlohmann/json.hpp>

namespace ld::s1::google_books {

namespace {

using nlohmann::json;

// Reasons Google gives for running out of quota, in either shape.
constexpr std::array<std::string_view, 7> kQuotaReasons = {
    "rateLimitExceeded", "userRateLimitExceeded", "dailyLimitExceeded", "dailyLimitExceededUnreg",
    "quotaExceeded",     "RATE_LIMIT_EXCEEDED",   "RESOURCE_EXHAUSTED"};

constexpr std::array<std::string_view, 3> kBadKeyReasons = {"keyInvalid", "API_KEY_INVALID",
                                                            "keyExpired"};

bool has_any(const std::vector<std::string>& reasons, const auto& wanted) {
  return std::any_of(reasons.begin(), reasons.end(), [&](const std::string& r) {
    return std::find(wanted.begin(), wanted.end(), r) != wanted.end();
  });
}

void collect_reasons(const json& list, std::vector<std::string>& out) {
  if (!list.is_array()) return;
  for (const auto& entry : list) {
    if (!entry.is_object()) continue;
    const auto reason = entry.find("reason");
    if (reason != entry.end() && reason->is_string()) out.push_back(reason->get<std::string>());
  }
}

}  // namespace

GoogleErrorBody parse_error_body(std::string_view body) {
  GoogleErrorBody out;
  const json doc = json::parse(body, nullptr, false);
  if (!doc.is_object()) return out;
  const auto error = doc.find("error");
  if (error == doc.end() || !error->is_object()) return out;
  if (const auto m = error->find("message"); m != error->end() && m->is_string()) {
    out.message = m->get<std::string>();
  }
  if (const auto s = error->find("status"); s != error->end() && s->is_string()) {
    out.status = s->get<std::string>();
  }
  if (const auto errors = error->find("errors"); errors != error->end()) {
    collect_reasons(*errors, out.reasons);
  }
  if (const auto details = error->find("details"); details != error->end()) {
    collect_reasons(*details, out.reasons);
  }
  return out;
}

Answer judge(long status, const GoogleErrorBody& error) {
  if (status == 0) return Answer::network_error;
  if (status == 200) return Answer::ok;
  if (status == 429) return Answer::quota;
  if (status >= 500) return Answer::server_error;
  const bool bad_key = has_any(error.reasons, kBadKeyReasons);
  if (status == 400 && bad_key) return Answer::invalid_key;
  if (status == 403) {
    if (has_any(error.reasons, kQuotaReasons) || error.status == "RESOURCE_EXHAUSTED") {
      return Answer::quota;
    }
    return bad_key ? Answer::invalid_key : Answer::forbidden;
  }
  return Answer::rejected;
}

bool worth_retrying(Answer answer) {
  return answer == Answer::quota || answer == Answer::server_error ||
         answer == Answer::network_error;
}

std::string_view describe(Answer answer) {
  switch (answer) {
    case Answer::ok:
      return "ok";
    case Answer::quota:
      return "quota exhausted";
    case Answer::server_error:
      return "server error";
    case Answer::network_error:
      return "unreachable";
    case Answer::invalid_key:
      return "invalid API key";
    case Answer::forbidden:
      return "access forbidden";
    case Answer::rejected:
      return "request rejected";
  }
  return "unknown";
}

}  // namespace ld::s1::google_books
