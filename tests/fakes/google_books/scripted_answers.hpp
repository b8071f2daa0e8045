// The answers the fake Google Books server gives on purpose: Google's error bodies in both of
// their shapes, and a page of volumes that covers every way a real volume varies.
#pragma once

#include <string>
#include <utility>

namespace ld::fake_google {

struct Answer {
  Answer(int s, std::string b) : status(s), body(std::move(b)) {}
  int status;
  std::string body;
  std::string retry_after;  // empty: no Retry-After header
};

// 429, older shape (error.errors[].reason = rateLimitExceeded).
Answer quota_429();
// 403, older shape (error.errors[].reason = rateLimitExceeded).
Answer quota_403();
// 400, newer shape (error.status = INVALID_ARGUMENT, error.details[].reason = API_KEY_INVALID).
Answer invalid_key();
// 403, newer shape (PERMISSION_DENIED, SERVICE_DISABLED): not a quota problem.
Answer forbidden();
// 503, older shape (backendError).
Answer backend_error();
// 400 for a parameter out of range, newer shape.
Answer bad_parameter(const std::string& message);

// The volumes response with the variant volumes, written by hand so numbers keep the form
// Google uses (amountInMicros in exponent form).
const std::string& variant_volumes();

}  // namespace ld::fake_google
