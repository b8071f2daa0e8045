// Parsing of request bodies under the API's rules: valid UTF-8 JSON, an object at the top, no
// deeper than 32 levels, no NUL anywhere. Also typed field readers that record every violation
// under its field path instead of stopping at the first.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/violations.hpp"

namespace ld::json_input {

using nlohmann::json;

inline constexpr int kMaxDepth = 32;

// Parses `body` as a JSON object. Throws a 400 Error (field "body") for malformed JSON, invalid
// UTF-8, nesting deeper than kMaxDepth, or a top level that is not an object.
json parse_object(std::string_view body);

// The field paths (`price.amount`, `ratings[2]`) of the numbers in the JSON text `body` written
// with more than two decimals: `39.900`, `0.125`, `3.999e-1`. A parsed number is a double, in
// which 39.900 and 39.9 are one value, so the rule "at most two decimals as written" needs the
// text once more. Expects text parse_object accepted; stops quietly at anything malformed.
std::set<std::string> numbers_with_more_than_two_decimals(std::string_view body);

// Appends a violation for every string (key or value) that holds a NUL character.
void check_no_nul(const json& value, const std::string& path, Violations& v);

// Field path helpers: "addresses" + 0 -> "addresses[0]", "price" + "amount" -> "price.amount".
std::string at(const std::string& path, std::size_t index);
std::string dot(const std::string& path, std::string_view key);

// Typed readers. Each returns nullopt and records a violation when the value has the wrong type
// or breaks the limits; `required` makes an absent (or null) value a violation too.
std::optional<std::string> text(const json& obj, std::string_view key, const std::string& path,
                                Violations& v, bool required, std::size_t max_chars,
                                std::size_t min_chars = 0);
std::optional<std::int64_t> integer(const json& obj, std::string_view key, const std::string& path,
                                    Violations& v, bool required, std::int64_t min,
                                    std::int64_t max);

// Reads a JSON value as an integer within [min, max] (no fractions, no overflow).
std::optional<std::int64_t> as_integer(const json& value, const std::string& path, Violations& v,
                                       std::int64_t min, std::int64_t max);

}  // namespace ld::json_input
