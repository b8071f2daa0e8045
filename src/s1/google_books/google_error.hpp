// What a Google Books answer means for the caller: a page, a reason to wait and try again (quota,
// a server error, the network), or a reason to stop now (a bad key, a forbidden call). Reads both
// shapes of Google's error bodies: the older {"error": {"errors": [{"reason": ...}]}} and the
// newer {"error": {"status": "INVALID_ARGUMENT", "details": [{"reason": ...}]}}.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ld::s1::google_books {

struct GoogleErrorBody {
  std::string message;               // error.message
  std::string status;                // error.status (newer shape), e.g. "RESOURCE_EXHAUSTED"
  std::vector<std::string> reasons;  // error.errors[].reason and error.details[].reason
};

// Never throws: a body that is not Google's error JSON gives an empty GoogleErrorBody.
GoogleErrorBody parse_error_body(std::string_view body);

enum class Answer {
  ok,             // 200
  quota,          // 429, or 403 with a rate-limit / quota reason: retry later
  server_error,   // 5xx: retry later
  network_error,  // no HTTP answer at all: retry later
  invalid_key,    // 400 keyInvalid / API_KEY_INVALID: stop now
  forbidden,      // any other 403 (API not enabled, key restricted): stop now
  rejected,       // any other status: stop now
};

Answer judge(long status, const GoogleErrorBody& error);

bool worth_retrying(Answer answer);

// "quota exhausted", "invalid API key", ... for messages to the user.
std::string_view describe(Answer answer);

}  // namespace ld::s1::google_books

namespace ld::s1::google_books {

// Google Books could not give what was asked: after the retries, or at once for a bad key. The
// message names the (masked) URL and the reason, never the key.
class GoogleBooksError : public std::runtime_error {
 public:
  GoogleBooksError(Answer answer, const std::string& message)
      : std::runtime_error(message), answer_(answer) {}
  Answer answer() const { return answer_; }

 private:
  Answer answer_;
};

}  // namespace ld::s1::google_books
