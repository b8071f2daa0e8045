// A book as kept in MongoDB. Books come from Google Books and vary, so besides the known fields
// (validated) a book keeps any other top-level field exactly as given.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "core/money.hpp"

namespace ld {

struct Book {
  std::string id;  // 24 lowercase hex digits
  // Every field as the API shows it, except id, created_at and updated_at: known fields already
  // normalised (ISBNs as digits, price as {"amount": "39.90", "currency": "BRL"}), extras as given.
  nlohmann::json fields = nlohmann::json::object();
  clock::Millis created_at = 0;
  clock::Millis updated_at = 0;

  std::string title() const { return fields.value("title", std::string{}); }
  std::optional<Money> price() const;         // none: not for sale
  std::optional<std::int64_t> stock() const;  // none: unlimited
};

// The stock to store for `changed`, a copy of `read` with some fields changed, when the book now
// stored counts `stored` copies. Orders take and give back copies without making a new version
// of the book, so the stock may have moved since `read` was read: a writer's change to the count
// (none, for most changes) is applied to the count stored now, keeping what orders did meanwhile.
// Nullopt when the book is to be unlimited. A count the change would take below zero stays at
// zero: the copies orders took meanwhile are theirs.
std::optional<std::int64_t> stock_to_store(const Book& read, const Book& changed,
                                           std::optional<std::int64_t> stored);

struct BookFilter {
  std::optional<std::string> q;         // part of title or an author, case-insensitive, literal
  std::optional<std::string> author;    // one author, case-insensitive, exact
  std::optional<std::string> category;  // one category, case-insensitive, exact
  std::optional<std::string> language;  // exact
};

}  // namespace ld
