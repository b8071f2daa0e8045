#include "domain/books/book_filter.hpp"

#include <algorithm>

#include "core/text.hpp"
#include "domain/books/book_index.hpp"

namespace ld {

namespace {

bool holds(const std::vector<std::string>& values, const std::string& wanted) {
  return std::find(values.begin(), values.end(), wanted) != values.end();
}

}  // namespace

bool matches(const Book& book, const BookFilter& filter) {
  const BookIndexEntry entry = index_entry_of(book);
  if (filter.q) {
    const auto folded = text::fold_case(*filter.q);
    const bool found = std::any_of(entry.texts.begin(), entry.texts.end(), [&](const auto& text) {
      return text.find(folded) != std::string::npos;
    });
    if (!found) return false;
  }
  if (filter.author && !holds(entry.authors, text::fold_case(*filter.author))) return false;
  if (filter.category && !holds(entry.categories, text::fold_case(*filter.category))) return false;
  if (filter.language && !holds(entry.languages, *filter.language)) return false;
  return true;
}

}  // namespace ld
