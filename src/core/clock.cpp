#include "core/clock.hpp"

#include <cctype>
#include <charconv>

#include <fmt/format.h>

namespace ld::clock {

namespace chr = std::chrono;

Millis now_ms() {
  return chr::duration_cast<chr::milliseconds>(chr::system_clock::now().time_since_epoch()).count();
}

std::string format_rfc3339(Millis ms) {
  const auto tp = chr::sys_time<chr::milliseconds>(chr::milliseconds(ms));
  const auto day = chr::floor<chr::days>(tp);
  const chr::year_month_day ymd(day);
  const chr::hh_mm_ss hms(tp - day);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                     hms.hours().count(), hms.minutes().count(), hms.seconds().count(),
                     hms.subseconds().count());
}

namespace {

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return std::from_chars(s.data() + pos, s.data() + pos + n, out).ec == std::errc{};
}

}  // namespace

std::optional<Date> parse_date(std::string_view s) {
  int y = 0, m = 0, d = 0;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (!digits(s, 0, 4, y) || !digits(s, 5, 2, m) || !digits(s, 8, 2, d)) return std::nullopt;
  const chr::year_month_day ymd{chr::year(y), chr::month(static_cast<unsigned>(m)),
                                chr::day(static_cast<unsigned>(d))};
  if (!ymd.ok()) return std::nullopt;
  return Date{y, static_cast<unsigned>(m), static_cast<unsigned>(d)};
}

std::string format_date(const Date& d) {
  return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
}

Date today_utc() {
  const chr::year_month_day ymd(chr::floor<chr::days>(chr::system_clock::now()));
  return Date{static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
              static_cast<unsigned>(ymd.day())};
}

std::optional<Millis> parse_rfc3339(std::string_view s) {
  // Accepts exactly the form format_rfc3339 writes.
  if (s.size() != 24 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != '.' ||
      s[23] != 'Z') {
    return std::nullopt;
  }
  const auto date = parse_date(s.substr(0, 10));
  int h = 0, mi = 0, se = 0, ms = 0;
  if (!date || !digits(s, 11, 2, h) || !digits(s, 14, 2, mi) || !digits(s, 17, 2, se) ||
      !digits(s, 20, 3, ms) || h > 23 || mi > 59 || se > 59) {
    return std::nullopt;
  }
  const chr::sys_days day{chr::year(date->year) / chr::month(date->month) / chr::day(date->day)};
  const auto tp = day + chr::hours(h) + chr::minutes(mi) + chr::seconds(se) + chr::milliseconds(ms);
  return chr::duration_cast<chr::milliseconds>(tp.time_since_epoch()).count();
}

bool is_partial_date(std::string_view s) {
  int y = 0, m = 0;
  if (s.size() == 4) return digits(s, 0, 4, y);
  if (s.size() == 7)
    return s[4] == '-' && digits(s, 0, 4, y) && digits(s, 5, 2, m) && m >= 1 && m <= 12;
  return parse_date(s).has_value();
}

}  // namespace ld::clock
