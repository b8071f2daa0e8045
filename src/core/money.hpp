// Money as the API speaks it ({"amount": "39.90", "currency": "BRL"}) and as the stores keep it
// (integer cents), so no price is ever a binary fraction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/violations.hpp"

namespace ld {

struct Money {
  std::int64_t cents = 0;
  std::string currency;  // ISO 4217, e.g. "BRL"
  bool operator==(const Money&) const = default;
};

inline constexpr std::int64_t kMaxMoneyCents = 99'999'999'999;  // 999999999.99

// "39.90"
std::string format_amount(std::int64_t cents);
nlohmann::json to_json(const Money& m);

// Reads {"amount": number|string, "currency": "BRL"}; records violations under `path`.
// `amount_written_long`: the amount is a JSON number the client wrote with more than two
// decimals (39.900), which its double value alone cannot show (see
// json_input::numbers_with_more_than_two_decimals).
std::optional<Money> read_money(const nlohmann::json& value, const std::string& path, Violations& v,
                                bool amount_written_long = false);

// The ISO 4217 active codes.
bool is_iso4217(const std::string& code);

}  // namespace ld
