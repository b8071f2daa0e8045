// Changing some fields of a book (a JSON merge patch) while other writes to it may land at the
// same time. The store replaces a book only from the version it was read at, so a patch that
// loses a race is applied again to the newer version: a merge patch means "change these fields",
// whatever the rest of the book now holds.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "domain/books/book.hpp"
#include "domain/books/book_repository.hpp"

namespace ld {

// How many versions a patch is tried on before the race is reported (409 without a field).
inline constexpr int kBookPatchAttempts = 5;

// Applies `patch` (checked by books::read_book_patch) to the book `id` and returns the book as
// stored; a patch that changes nothing returns the book untouched. Nullopt when there is no such
// book. Throws 409 naming the field when an ISBN or volume id is taken by another book, and 400
// when the patched book would be too large.
std::optional<Book> patch_book(BookRepository& books, const std::string& id,
                               const nlohmann::json& patch);

}  // namespace ld
