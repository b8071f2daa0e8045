#include "domain/books/book_json.hpp"

#include "core/ids.hpp"

namespace ld {

nlohmann::json to_json(const Book& book) {
  nlohmann::json out = book.fields;
  out["id"] = book.id;
  out["created_at"] = clock::format_rfc3339(book.created_at);
  out["updated_at"] = clock::format_rfc3339(book.updated_at);
  return out;
}

namespace books {

nlohmann::json position_of(const Book& book) {
  return {{"id", book.id}};
}

std::optional<std::string> position_id(const nlohmann::json& position) {
  if (!position.is_object() || position.size() != 1) return std::nullopt;
  const auto it = position.find("id");
  if (it == position.end() || !it->is_string()) return std::nullopt;
  return ids::parse_book_id(it->get_ref<const std::string&>());
}

}  // namespace books
}  // namespace ld
