// Sends one logical request to S2 until it gets an answer worth keeping: network errors, 5xx and
// 429 are retried with backoff for as long as the policy's budget lasts (--retry-for), and
// "Idempotency-Key in use" (409) is waited out.
// Every attempt carries the same Idempotency-Key and its own X-Request-Id.
#pragma once

#include "net/http_client.hpp"
#include "s1/generator/random.hpp"
#include "s1/s2_client/retry_policy.hpp"
#include "s1/s2_client/s2_connection.hpp"

namespace ld::s1 {

struct Delivery {
  net::HttpResponse response;  // the last attempt's
  int attempts = 0;
  bool interrupted = false;  // gave up waiting because the user pressed Ctrl-C
};

Delivery deliver(S2Connection& s2, const Call& call, const RetryPolicy& policy, Random& jitter);

// A 409 whose problem names the Idempotency-Key: another request with this key is running.
bool is_key_in_use(const net::HttpResponse& response);

// The problem's errors[].field values (empty when the body is not a problem).
std::vector<std::string> problem_fields(const net::HttpResponse& response);

}  // namespace ld::s1
