// The known fields of a book and how each one is validated and normalised. Everything else a
// client sends is an extra, kept as given.
#pragma once

#include <array>
#include <set>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/violations.hpp"

namespace ld::books {

inline constexpr std::array<std::string_view, 15> kKnownFields = {
    "title",       "subtitle",  "authors", "publisher",  "published_date",
    "description", "isbn_10",   "isbn_13", "page_count", "categories",
    "language",    "thumbnail", "price",   "stock",      "google_volume_id"};

// Set by the server, never by a client.
inline constexpr std::array<std::string_view, 3> kServerFields = {"id", "created_at", "updated_at"};

// Limits that keep one book a sensible size.
inline constexpr std::size_t kMaxTitleChars = 500;
inline constexpr std::size_t kMaxNameChars = 300;  // a publisher, an author, a category
inline constexpr std::size_t kMaxDescriptionChars = 50'000;
inline constexpr std::size_t kMaxListItems = 100;  // authors, categories
inline constexpr std::size_t kMaxVolumeIdChars = 64;
inline constexpr std::int64_t kMaxPageCount = 1'000'000;
inline constexpr std::int64_t kMaxStock = 1'000'000'000;

bool is_known_field(std::string_view name);
bool is_server_field(std::string_view name);

// Validates a known field's non-null value and returns it normalised, or null when the field is
// to be left out (an optional text that is empty once trimmed). Records every violation under
// the field's path (`authors[1]`, `price.amount`). `long_numbers`: the paths of the numbers the
// client wrote with more than two decimals (json_input::numbers_with_more_than_two_decimals).
nlohmann::json normalise_field(std::string_view name, const nlohmann::json& value, Violations& v,
                               const std::set<std::string>& long_numbers = {});

}  // namespace ld::books
