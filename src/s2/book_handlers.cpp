#include "s2/book_handlers.hpp"

#include <set>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/json_input.hpp"
#include "core/text.hpp"
#include "domain/books/book_fields.hpp"
#include "domain/books/book_input.hpp"
#include "domain/books/book_json.hpp"
#include "domain/books/book_values.hpp"
#include "domain/books/patch_book.hpp"
#include "s2/paging.hpp"

namespace ld::s2 {

namespace {

constexpr std::size_t kMaxQueryChars = 200;
// Moves a 400's field errors into `v`, so one response can list them with the others.
template <class Read>
void collect(Violations& v, Read&& read) {
  try {
    read();
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::invalid) throw;
    for (const auto& f : e.fields()) v.add(f.field, f.message);
  }
}

std::optional<std::string> book_id(const http::Request& request, Violations& v) {
  auto id = ids::parse_book_id(request.param("id"));
  if (!id) v.add("id", "must be 24 hexadecimal digits");
  return id;
}

nlohmann::json book_body(const http::Request& request) {
  if (request.body.size() > books::kMaxBookBytes) {
    throw invalid_field(
        "body", fmt::format("a book must be at most {} bytes of JSON", books::kMaxBookBytes));
  }
  return json_input::parse_object(request.body);
}

// The numbers the client wrote with more than two decimals, which the parsed body no longer
// shows (39.900 is 39.9 as a double). Read only when the price's amount is a number: the one
// place the rule applies, so other books cost no second pass over their text.
std::set<std::string> long_numbers(const http::Request& request, const nlohmann::json& body) {
  const auto price = body.find("price");
  if (price == body.end() || !price->is_object()) return {};
  const auto amount = price->find("amount");
  if (amount == price->end() || !amount->is_number_float()) return {};
  return json_input::numbers_with_more_than_two_decimals(request.body);
}

// A list filter: absent or blank means "no filter". The length limit is on the value as sent,
// spaces included, as the OpenAPI document's maxLength states it.
std::optional<std::string> filter_text(const http::Request& request, const std::string& name,
                                       std::size_t max_chars, Violations& v) {
  const auto raw = request.query_param(name);
  if (!raw) return std::nullopt;
  if (text::contains_nul(*raw)) {
    v.add(name, "must not contain NUL characters");
    return std::nullopt;
  }
  if (text::length(*raw) > max_chars) {
    v.add(name, fmt::format("must have at most {} characters", max_chars));
    return std::nullopt;
  }
  auto value = text::trim(*raw);
  if (value.empty()) return std::nullopt;
  return value;
}

Error book_not_found() {
  return not_found("No book has this id.");
}

}  // namespace

http::Response BookHandlers::create(http::Request& request, const IdempotencyScope* scope) {
  const auto body = book_body(request);
  Book book = books::read_new_book(body, long_numbers(request, body));
  // A keyed request gets the same book id in every attempt, so a retry after a crash finds the
  // book its first attempt stored instead of storing a second copy.
  if (scope && !scope->promised_id().empty()) {
    book.id = ids::book_id_from_promise(scope->promised_id());
  }
  const Book stored = books_.create(book);
  return http::Response::created(to_json(stored), "/books/" + stored.id);
}

http::Response BookHandlers::list(http::Request& request) {
  Violations v;
  BookFilter filter;
  filter.q = filter_text(request, "q", kMaxQueryChars, v);
  filter.author = filter_text(request, "author", books::kMaxNameChars, v);
  filter.category = filter_text(request, "category", books::kMaxNameChars, v);
  if (const auto language = filter_text(request, "language", books::kMaxLanguageTagChars, v)) {
    // Stored tags are canonical, so "PT-br" finds the books in "pt-BR".
    filter.language = books::canonical_language_tag(*language);
    if (!filter.language) v.add("language", "must be a BCP 47 language tag such as pt or pt-BR");
  }
  PageRequest page;
  collect(v, [&] { page = read_page(request); });
  if (page.after && !books::position_id(*page.after)) {
    v.add("cursor", "is not a cursor from a previous page");
  }
  v.throw_if_any();
  const auto result = books_.list(filter, page);
  return http::Response::json(200, page_json(result, [](const Book& b) { return to_json(b); }));
}

http::Response BookHandlers::get(http::Request& request) {
  Violations v;
  const auto id = book_id(request, v);
  v.throw_if_any();
  const auto book = books_.find(*id);
  if (!book) throw book_not_found();
  return http::Response::json(200, to_json(*book));
}

http::Response BookHandlers::patch(http::Request& request) {
  Violations v;
  const auto id = book_id(request, v);
  nlohmann::json patch;
  collect(v, [&] {
    const auto body = book_body(request);
    patch = books::read_book_patch(body, long_numbers(request, body));
  });
  v.throw_if_any();
  const auto stored = patch_book(books_, *id, patch);
  if (!stored) throw book_not_found();
  return http::Response::json(200, to_json(*stored));
}

http::Response BookHandlers::remove(http::Request& request) {
  Violations v;
  const auto id = book_id(request, v);
  v.throw_if_any();
  if (!books_.remove(*id)) throw book_not_found();
  return http::Response::no_content();
}

}  // namespace ld::s2
