#include "s1/s2_client/retry_policy.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>

namespace ld::s1 {

bool is_retryable_status(long status) {
  return status == 0 || status == 429 || status >= 500;
}

std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value) {
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.front()))) {
    value.remove_prefix(1);
  }
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) {
    value.remove_suffix(1);
  }
  if (value.empty() || value.size() > 9) return std::nullopt;
  std::int64_t seconds = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (ec != std::errc{} || end != value.data() + value.size() || seconds < 0) return std::nullopt;
  return std::chrono::seconds(seconds);
}

std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int retry,
                                        std::optional<std::chrono::milliseconds> retry_after,
                                        double unit) {
  // Doubling stops once past the cap; the shift can't overflow that way.
  std::int64_t ceiling = policy.base.count();
  for (int i = 1; i < retry && ceiling < policy.cap.count(); ++i) ceiling *= 2;
  ceiling = std::min(ceiling, policy.cap.count());
  unit = std::clamp(unit, 0.0, 1.0);
  auto delay =
      std::chrono::milliseconds(static_cast<std::int64_t>(static_cast<double>(ceiling) * unit));
  if (retry_after) delay = std::max(delay, std::min(*retry_after, policy.retry_after_cap));
  return delay;
}

std::optional<std::chrono::milliseconds> RetrySchedule::next_wait(
    const AttemptAnswer& answer, std::chrono::milliseconds since_first, double unit) {
  using std::chrono::milliseconds;
  if (answer.key_in_use) {
    if (waited_on_key_ >= policy_.key_in_use_patience) return std::nullopt;
    // Patience is spent in steady steps, not doubling ones, so the key is tried again soon
    // after S2's lock on it expires.
    const auto wait = backoff_delay(policy_, 4, answer.retry_after, 0.5 + 0.5 * unit);
    waited_on_key_ += wait;
    return wait;
  }
  if (!is_retryable_status(answer.status) || retries_used_ >= policy_.retries) return std::nullopt;
  // Time spent waiting out a key in use is not taken from the budget.
  const milliseconds remaining = policy_.retry_for - (since_first - waited_on_key_);
  if (remaining <= milliseconds::zero()) return std::nullopt;
  ++retries_used_;
  // The last retry comes as the budget ends rather than not at all: an S2 back by then answers.
  const auto drawn = std::min(backoff_delay(policy_, retries_used_, std::nullopt, unit), remaining);
  // A server is never asked again sooner than it said, even if that is past the budget: the
  // budget decides whether to retry, Retry-After when.
  if (!answer.retry_after) return drawn;
  return std::max(drawn, std::min(*answer.retry_after, policy_.retry_after_cap));
}

}  // namespace ld::s1
