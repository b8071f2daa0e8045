// Prices as Google Books writes them in saleInfo: {"amount": 39.9, "currencyCode": "BRL"} or
// {"amountInMicros": 3.99E7, ...}, read into exact cents without passing through binary
// fractions.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/money.hpp"

namespace ld::s1::google_books {

// A non-negative decimal number ("39.9", "3.99E7", "1e-2") times 10^shift, rounded half up to an
// integer: ("39.9", 2) -> 3990 cents, ("3.99E7", -4) -> 3990 cents from micros. nullopt when
// the text is not such a number or the result passes kMaxMoneyCents.
std::optional<std::int64_t> scaled_decimal(std::string_view text, int shift);

// The price of one saleInfo price object (amount or amountInMicros, with currencyCode).
std::optional<Money> read_price_object(const nlohmann::json& price);

// saleInfo.retailPrice, else saleInfo.listPrice; nullopt when neither is usable.
std::optional<Money> read_sale_price(const nlohmann::json& sale_info);

}  // namespace ld::s1::google_books
