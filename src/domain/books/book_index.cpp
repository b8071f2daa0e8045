#include "domain/books/book_index.hpp"

#include "core/text.hpp"

namespace ld {

namespace {

std::vector<std::string> folded_list(const nlohmann::json& fields, const char* name) {
  std::vector<std::string> out;
  const auto it = fields.find(name);
  if (it == fields.end() || !it->is_array()) return out;
  for (const auto& item : *it) {
    if (item.is_string()) out.push_back(text::fold_case(item.get_ref<const std::string&>()));
  }
  return out;
}

}  // namespace

BookIndexEntry index_entry_of(const Book& book) {
  BookIndexEntry entry;
  entry.book_id = book.id;
  entry.authors = folded_list(book.fields, "authors");
  entry.categories = folded_list(book.fields, "categories");
  entry.texts.push_back(text::fold_case(book.title()));
  entry.texts.insert(entry.texts.end(), entry.authors.begin(), entry.authors.end());
  if (const auto it = book.fields.find("language"); it != book.fields.end() && it->is_string()) {
    entry.languages.push_back(it->get<std::string>());
  }
  return entry;
}

}  // namespace ld
