// When S1 tries a request again and how long it waits first: capped exponential backoff with full
// jitter, never sooner than the server's Retry-After, for as long as the request's time budget
// lasts. The budget, not a count, is what lets a round ride out an S2 restart or a store that is
// briefly out of connections, however quickly the first retries come.
#pragma once

#include <chrono>
#include <limits>
#include <optional>
#include <string_view>

namespace ld::s1 {

struct RetryPolicy {
  // Retries after a network error, 5xx or 429, counted from the request's first attempt: no
  // retry is decided once this is spent (one that Retry-After pushes past it still goes). 0: no
  // retries.
  std::chrono::milliseconds retry_for{60'000};
  // At most this many retries as well (Google Books is asked a fixed number of times).
  int retries = std::numeric_limits<int>::max();
  std::chrono::milliseconds base{200};
  // Waits stop doubling here, so a server back after an outage is tried again within this.
  std::chrono::milliseconds cap{2'000};
  // A Retry-After beyond this is taken as this, so a confused server can't park S1 for hours.
  std::chrono::milliseconds retry_after_cap{60'000};
  // How long to keep waiting on "Idempotency-Key in use" (409). That key is held by an earlier
  // attempt of ours that is still running, or that died with S2 and holds it until S2's lock on
  // it expires; either way waiting is the way through, and it costs nothing from the budget.
  std::chrono::milliseconds key_in_use_patience{90'000};
};

// Network failure (status 0), 429, and every 5xx (503 included).
bool is_retryable_status(long status);

// Retry-After in delta-seconds; nullopt for anything else (HTTP dates are not used by S2).
std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value);

// The wait before retry number `retry` (1 for the first retry): uniformly drawn from
// [0, min(cap, base * 2^(retry-1))] by `unit` in [0, 1), and at least Retry-After when given.
std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int retry,
                                        std::optional<std::chrono::milliseconds> retry_after,
                                        double unit);

// What one attempt's answer means for the next one.
struct AttemptAnswer {
  long status = 0;          // 0: no answer (network error, timeout)
  bool key_in_use = false;  // 409 naming the Idempotency-Key the attempt carried
  std::optional<std::chrono::milliseconds> retry_after;
};

// The retries of one request, decided without a clock or a socket: the caller says how long ago
// the first attempt started and gives a jitter draw, and gets the wait before the next attempt,
// or nullopt when the answer it has is the one to keep.
class RetrySchedule {
 public:
  explicit RetrySchedule(const RetryPolicy& policy) : policy_(policy) {}

  std::optional<std::chrono::milliseconds> next_wait(const AttemptAnswer& answer,
                                                     std::chrono::milliseconds since_first,
                                                     double unit);

  int retries_used() const { return retries_used_; }

 private:
  const RetryPolicy& policy_;
  int retries_used_ = 0;
  std::chrono::milliseconds waited_on_key_{0};
};

}  // namespace ld::s1
