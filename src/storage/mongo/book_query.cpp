#include "storage/mongo/book_query.hpp"

#include "core/text.hpp"
#include "storage/mongo/book_document.hpp"

namespace ld::mongo {

std::string literal_pattern(std::string_view text) {
  constexpr std::string_view kMeta = "\\^$.|?*+()[]{}-/#";
  std::string out;
  out.reserve(text.size() * 2);
  for (const char c : text) {
    if (kMeta.find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

Bson list_filter(const BookFilter& filter, const std::optional<bson_oid_t>& after) {
  Bson doc;
  if (filter.q) {
    const auto folded = text::fold_case(*filter.q);
    const auto pattern = literal_pattern(folded);
    bson_t condition;
    bson_append_document_begin(doc.get(), "search.text", -1, &condition);
    // Folding both sides already made the match case-insensitive; no options needed.
    bson_append_regex(&condition, "$regex", -1, pattern.c_str(), "");
    bson_append_document_end(doc.get(), &condition);
  }
  if (filter.author) {
    const auto folded = text::fold_case(*filter.author);
    bson_append_utf8(doc.get(), "search.authors", -1, folded.data(),
                     static_cast<int>(folded.size()));
  }
  if (filter.category) {
    const auto folded = text::fold_case(*filter.category);
    bson_append_utf8(doc.get(), "search.categories", -1, folded.data(),
                     static_cast<int>(folded.size()));
  }
  if (filter.language) {
    bson_append_utf8(doc.get(), "language", -1, filter.language->data(),
                     static_cast<int>(filter.language->size()));
  }
  if (after) {
    bson_t condition;
    bson_append_document_begin(doc.get(), "_id", -1, &condition);
    bson_append_oid(&condition, "$gt", -1, &*after);
    bson_append_document_end(doc.get(), &condition);
  }
  return doc;
}

}  // namespace ld::mongo
