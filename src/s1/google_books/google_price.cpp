#include "s1/google_books/google_price.hpp"

#include <cctype>
#include <string>

namespace ld::s1::google_books {

namespace {

using nlohmann::json;

// The number's text as it was (a string) or as its shortest round-trip form (a JSON number):
// 39.9 prints as "39.9" and 3.99E7 as "39900000.0", both exact decimal readings.
std::optional<std::string> number_text(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number()) return value.dump();
  return std::nullopt;
}

}  // namespace

std::optional<std::int64_t> scaled_decimal(std::string_view text, int shift) {
  std::string digits;
  int exponent = shift;
  std::size_t i = 0;
  if (i < text.size() && text[i] == '+') ++i;
  bool seen_digit = false;
  bool after_point = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      seen_digit = true;
      if (!(digits.empty() && c == '0')) digits.push_back(c);  // leading zeros carry nothing
      if (after_point) --exponent;
    } else if (c == '.' && !after_point) {
      after_point = true;
    } else {
      break;
    }
  }
  if (!seen_digit) return std::nullopt;
  if (i < text.size()) {
    if (text[i] != 'e' && text[i] != 'E') return std::nullopt;
    ++i;
    int sign = 1;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) sign = text[i++] == '-' ? -1 : 1;
    if (i == text.size()) return std::nullopt;
    int written = 0;
    for (; i < text.size(); ++i) {
      if (!std::isdigit(static_cast<unsigned char>(text[i])) || written > 1000) return std::nullopt;
      written = written * 10 + (text[i] - '0');
    }
    exponent += sign * written;
  }
  if (digits.empty()) return 0;
  bool round_up = false;
  if (exponent < 0) {
    const auto cut = static_cast<std::size_t>(-exponent);
    if (cut > digits.size()) {
      digits.clear();  // less than a tenth of a unit: rounds to zero
    } else {
      round_up = digits[digits.size() - cut] >= '5';
      digits.resize(digits.size() - cut);
    }
  } else {
    if (digits.size() + static_cast<std::size_t>(exponent) > 18) return std::nullopt;
    digits.append(static_cast<std::size_t>(exponent), '0');
  }
  if (digits.size() > 18) return std::nullopt;
  std::int64_t value = 0;
  for (const char c : digits) value = value * 10 + (c - '0');
  if (round_up) ++value;
  if (value > kMaxMoneyCents) return std::nullopt;
  return value;
}

std::optional<Money> read_price_object(const json& price) {
  if (!price.is_object()) return std::nullopt;
  const auto currency = price.find("currencyCode");
  if (currency == price.end() || !currency->is_string()) return std::nullopt;
  const auto code = currency->get<std::string>();
  if (!is_iso4217(code)) return std::nullopt;
  std::optional<std::int64_t> cents;
  if (const auto amount = price.find("amount"); amount != price.end()) {
    if (const auto text = number_text(*amount)) cents = scaled_decimal(*text, 2);
  }
  if (!cents) {
    if (const auto micros = price.find("amountInMicros"); micros != price.end()) {
      if (const auto text = number_text(*micros)) cents = scaled_decimal(*text, -4);
    }
  }
  if (!cents) return std::nullopt;
  return Money{*cents, code};
}

std::optional<Money> read_sale_price(const json& sale_info) {
  if (!sale_info.is_object()) return std::nullopt;
  for (const char* key : {"retailPrice", "listPrice"}) {
    if (const auto it = sale_info.find(key); it != sale_info.end()) {
      if (auto money = read_price_object(*it)) return money;
    }
  }
  return std::nullopt;
}

}  // namespace ld::s1::google_books
