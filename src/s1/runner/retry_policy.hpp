// When S1 tries a request again and how long it waits first: exponential backoff with full
// jitter, never sooner than the server's Retry-After.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace ld::s1 {

struct RetryPolicy {
  int retries = 3;  // attempts after the first, for network errors, 5xx and 429
  std::chrono::milliseconds base{200};
  std::chrono::milliseconds cap{10'000};
  // A Retry-After beyond this is taken as this, so a confused server can't park S1 for hours.
  std::chrono::milliseconds retry_after_cap{60'000};
  // How long to keep waiting on "Idempotency-Key in use" (409). That key is held by an earlier
  // attempt of ours that is still running, or that died with S2 and holds it until S2's lock on
  // it expires; either way waiting is the way through, and it costs no retry.
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

}  // namespace ld::s1
