#include "core/money.hpp"

#include <array>
#include <cmath>
#include <string_view>

#include <fmt/format.h>

namespace ld {

std::string format_amount(std::int64_t cents) {
  const char* sign = cents < 0 ? "-" : "";
  const auto abs = cents < 0 ? -cents : cents;
  return fmt::format("{}{}.{:02}", sign, abs / 100, abs % 100);
}

nlohmann::json to_json(const Money& m) {
  return {{"amount", format_amount(m.cents)}, {"currency", m.currency}};
}

namespace {

// Parses "39", "39.9" or "39.90" (as written: at most two decimals, no sign, no exponent).
std::optional<std::int64_t> parse_decimal(std::string_view s) {
  if (s.empty() || s.size() > 16) return std::nullopt;
  std::int64_t units = 0;
  std::size_t i = 0;
  for (; i < s.size() && s[i] != '.'; ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    units = units * 10 + (s[i] - '0');
  }
  if (i == 0) return std::nullopt;
  std::int64_t cents = units * 100;
  if (i < s.size()) {
    const auto frac = s.substr(i + 1);
    if (frac.empty() || frac.size() > 2) return std::nullopt;
    for (char c : frac) {
      if (c < '0' || c > '9') return std::nullopt;
    }
    cents += (frac[0] - '0') * 10 + (frac.size() == 2 ? frac[1] - '0' : 0);
  }
  return cents;
}

constexpr std::array<std::string_view, 180> kIso4217 = {
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
    "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD",
    "CDF", "CHF", "CLP", "CNY", "COP", "CRC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD",
    "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ",
    "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD",
    "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR",
    "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR",
    "MWK", "MXN", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN",
    "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR",
    "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB",
    "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU", "UZS",
    "VES", "VND", "VUV", "WST", "XAF", "XCD", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWL", "XAG",
    "XAU", "XDR", "XPD", "XPT", "CLF", "COU", "MXV", "UYI", "UYW", "BOV", "CHE", "CHW", "USN",
    "VED", "XSU", "XUA", "ZWG", "SLL", "HRK", "CUC", "XCG", "XTS", "XXX", "MRO"};

}  // namespace

bool is_iso4217(const std::string& code) {
  for (auto c : kIso4217) {
    if (c == code) return true;
  }
  return false;
}

std::optional<Money> read_money(const nlohmann::json& value, const std::string& path, Violations& v,
                                bool amount_written_long) {
  if (!value.is_object()) {
    v.add(path, "must be an object with amount and currency");
    return std::nullopt;
  }
  Money money;
  bool ok = true;
  const auto amount = value.find("amount");
  const std::string amount_path = path + ".amount";
  if (amount == value.end() || amount->is_null()) {
    v.add(amount_path, "is required");
    ok = false;
  } else if (amount->is_string()) {
    const auto cents = parse_decimal(amount->get_ref<const std::string&>());
    if (!cents) {
      v.add(amount_path, "must be a non-negative decimal with at most two decimals");
      ok = false;
    } else {
      money.cents = *cents;
    }
  } else if (amount->is_number()) {
    const double d = amount->get<double>();
    const double scaled = d * 100.0;
    if (!std::isfinite(d) || d < 0) {
      v.add(amount_path, "must be a non-negative decimal with at most two decimals");
      ok = false;
    } else if (amount_written_long ||
               std::fabs(scaled - std::round(scaled)) > 1e-6 * std::max(1.0, scaled)) {
      v.add(amount_path, "must have at most two decimals");
      ok = false;
    } else if (scaled > static_cast<double>(kMaxMoneyCents)) {
      v.add(amount_path, "must be at most 999999999.99");
      ok = false;
    } else {
      money.cents = static_cast<std::int64_t>(std::llround(scaled));
    }
  } else {
    v.add(amount_path, "must be a decimal number or string");
    ok = false;
  }
  if (ok && money.cents > kMaxMoneyCents) {
    v.add(amount_path, "must be at most 999999999.99");
    ok = false;
  }
  const auto currency = value.find("currency");
  const std::string currency_path = path + ".currency";
  if (currency == value.end() || currency->is_null()) {
    v.add(currency_path, "is required");
    ok = false;
  } else if (!currency->is_string() || !is_iso4217(currency->get<std::string>())) {
    v.add(currency_path, "must be an ISO 4217 code such as BRL");
    ok = false;
  } else {
    money.currency = currency->get<std::string>();
  }
  if (!ok) return std::nullopt;
  return money;
}

}  // namespace ld
