#include "s1/runner/retry_policy.hpp"

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

}  // namespace ld::s1
