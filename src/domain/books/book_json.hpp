// A book's JSON shapes: the API representation (its fields plus id and times), and the keyset
// position that list cursors carry.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "domain/books/book.hpp"

namespace ld {

// {"id": "...", "title": ..., ..., "created_at": "...Z", "updated_at": "...Z"}
nlohmann::json to_json(const Book& book);

namespace books {

// Books are listed by id ascending, so a position is the last id seen: {"id": "65f0..."}.
nlohmann::json position_of(const Book& book);
// The id in a decoded cursor; nullopt when the cursor does not hold a book position.
std::optional<std::string> position_id(const nlohmann::json& position);

}  // namespace books
}  // namespace ld
