#include "domain/books/patch_book.hpp"

#include "core/error.hpp"
#include "domain/books/book_input.hpp"

namespace ld {

std::optional<Book> patch_book(BookRepository& books, const std::string& id,
                               const nlohmann::json& patch) {
  for (int attempt = 1;; ++attempt) {
    const auto current = books.find(id);
    if (!current) return std::nullopt;
    Book changed = *current;
    if (!books::apply_book_patch(changed, patch)) return current;
    try {
      return books.update(*current, changed);
    } catch (const Error& e) {
      // A 409 naming a field is a taken ISBN: final. One without is a lost race: read again.
      if (e.kind() != ErrorKind::conflict || !e.fields().empty() || attempt == kBookPatchAttempts) {
        throw;
      }
    }
  }
}

}  // namespace ld
