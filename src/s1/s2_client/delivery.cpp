#include "s1/s2_client/delivery.hpp"

#include <chrono>

#include <nlohmann/json.hpp>

#include "s1/s2_client/interruption.hpp"

namespace ld::s1 {

std::vector<std::string> problem_fields(const net::HttpResponse& response) {
  std::vector<std::string> fields;
  const auto body = nlohmann::json::parse(response.body, nullptr, false);
  if (!body.is_object() || !body.contains("errors") || !body["errors"].is_array()) return fields;
  for (const auto& e : body["errors"]) {
    if (e.is_object() && e.contains("field") && e["field"].is_string()) {
      fields.push_back(e["field"].get<std::string>());
    }
  }
  return fields;
}

bool is_key_in_use(const net::HttpResponse& response) {
  if (response.status != 409) return false;
  for (const auto& field : problem_fields(response)) {
    if (field == "Idempotency-Key") return true;
  }
  return false;
}

Delivery deliver(S2Connection& s2, const Call& call, const RetryPolicy& policy, Random& jitter) {
  Delivery d;
  RetrySchedule schedule(policy);
  const auto first = std::chrono::steady_clock::now();
  for (;;) {
    d.response = s2.attempt(call, ++d.attempts);
    const AttemptAnswer answer{d.response.status,
                               !call.idempotency_key.empty() && is_key_in_use(d.response),
                               parse_retry_after(d.response.header("Retry-After"))};
    const auto since_first = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - first);
    const auto wait = schedule.next_wait(answer, since_first, jitter.unit());
    if (!wait) return d;
    if (!sleep_unless_interrupted(*wait)) {
      d.interrupted = true;
      return d;
    }
  }
}

}  // namespace ld::s1
