// Time as the API shows it: RFC 3339 UTC with milliseconds, and calendar dates.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ld::clock {

using Millis = std::int64_t;  // milliseconds since the Unix epoch, UTC

Millis now_ms();

// 2026-11-30T12:00:00.123Z
std::string format_rfc3339(Millis ms);
std::optional<Millis> parse_rfc3339(std::string_view text);

// A real calendar date YYYY-MM-DD.
struct Date {
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;
  auto operator<=>(const Date&) const = default;
};
std::optional<Date> parse_date(std::string_view text);
std::string format_date(const Date& d);
Date today_utc();

// YYYY, YYYY-MM or a real YYYY-MM-DD (Google Books' published dates).
bool is_partial_date(std::string_view text);

}  // namespace ld::clock
