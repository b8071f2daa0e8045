#include "s1/runner/delivery.hpp"

#include <nlohmann/json.hpp>

#include "s1/runner/interruption.hpp"

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
  int retries_used = 0;
  auto waited_on_key = std::chrono::milliseconds::zero();
  for (;;) {
    d.response = s2.attempt(call, ++d.attempts);
    const auto retry_after = parse_retry_after(d.response.header("Retry-After"));
    std::chrono::milliseconds delay;
    if (!call.idempotency_key.empty() && is_key_in_use(d.response)) {
      if (waited_on_key >= policy.key_in_use_patience) return d;
      // Patience is spent in steady steps, not doubling ones, so the key is tried again soon
      // after S2's lock on it expires.
      delay = backoff_delay(policy, 4, retry_after, 0.5 + 0.5 * jitter.unit());
      waited_on_key += delay;
    } else if (is_retryable_status(d.response.status) && retries_used < policy.retries) {
      delay = backoff_delay(policy, ++retries_used, retry_after, jitter.unit());
    } else {
      return d;
    }
    if (!sleep_unless_interrupted(delay)) {
      d.interrupted = true;
      return d;
    }
  }
}

}  // namespace ld::s1
