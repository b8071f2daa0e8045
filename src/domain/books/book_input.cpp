#include "domain/books/book_input.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "domain/books/book_fields.hpp"
#include "domain/books/document_rules.hpp"

namespace ld::books {

using nlohmann::json;

namespace {

void check_object(const json& body, Violations& v) {
  if (!body.is_object()) {
    v.add("body", "must be a JSON object");
    v.throw_if_any();
  }
  check_document(body, "", 1, v);
}

void check_size(const json& fields, Violations& v) {
  // The error handler matters only for text that skipped validation; stored text is valid UTF-8.
  const auto bytes = fields.dump(-1, ' ', false, json::error_handler_t::replace).size();
  if (bytes > kMaxBookBytes) {
    v.add("body", fmt::format("a book must be at most {} bytes of JSON", kMaxBookBytes));
  }
}

}  // namespace

Book read_new_book(const json& body, const std::set<std::string>& long_numbers) {
  Violations v;
  check_object(body, v);
  Book book;
  for (const auto& [key, value] : body.items()) {
    if (is_server_field(key)) {
      v.add(key, "is set by the server");
    } else if (!is_known_field(key)) {
      book.fields[key] = value;  // an extra: kept exactly as given
    } else if (!value.is_null()) {
      auto normal = normalise_field(key, value, v, long_numbers);
      if (!normal.is_null()) book.fields[key] = std::move(normal);
    }
  }
  if (const auto title = body.find("title"); title == body.end() || title->is_null()) {
    v.add("title", "is required");
  }
  check_size(book.fields, v);
  v.throw_if_any();
  return book;
}

json read_book_patch(const json& patch, const std::set<std::string>& long_numbers) {
  Violations v;
  check_object(patch, v);
  json out = json::object();
  for (const auto& [key, value] : patch.items()) {
    if (is_server_field(key)) {
      v.add(key, "is read-only");
    } else if (!is_known_field(key)) {
      out[key] = value;  // merge patch semantics apply to extras as they are
    } else if (value.is_null()) {
      if (key == "title") v.add(key, "is required");
      out[key] = nullptr;
    } else {
      out[key] = normalise_field(key, value, v, long_numbers);  // null: an optional text emptied
    }
  }
  v.throw_if_any();
  return out;
}

bool apply_book_patch(Book& book, const json& patch) {
  json merged = book.fields;
  merged.merge_patch(patch);
  Violations v;
  check_size(merged, v);
  v.throw_if_any();
  if (merged == book.fields) return false;
  book.fields = std::move(merged);
  return true;
}

}  // namespace ld::books
