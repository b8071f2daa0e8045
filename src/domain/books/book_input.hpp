// Reading a client's book: a POST body into a new book, and a JSON merge patch (RFC 7396) onto a
// stored one, under the same rules. Each throws one 400 listing every invalid field.
#pragma once

#include <cstddef>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "domain/books/book.hpp"

namespace ld::books {

// The largest book, as JSON text: the limit on a request body and on a patched book alike.
inline constexpr std::size_t kMaxBookBytes = 256 * 1024;

// Known fields validated and normalised, null known fields left out, every other field kept as
// given. The book has no id or times yet. `long_numbers`: the paths of the numbers the client
// wrote with more than two decimals (json_input::numbers_with_more_than_two_decimals), so that
// a price written 39.900 is refused although its value is 39.9.
Book read_new_book(const nlohmann::json& body, const std::set<std::string>& long_numbers = {});

// The patch with its known fields normalised; null (or an optional text left empty) means
// "remove the field". id, created_at and updated_at are read-only, and title cannot be removed.
nlohmann::json read_book_patch(const nlohmann::json& patch,
                               const std::set<std::string>& long_numbers = {});

// Applies a patch returned by read_book_patch. Returns false when the book did not change.
// Throws 400 when the patched book would exceed kMaxBookBytes.
bool apply_book_patch(Book& book, const nlohmann::json& patch);

}  // namespace ld::books
