#include "domain/books/book_fields.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/json_input.hpp"
#include "core/money.hpp"
#include "core/text.hpp"
#include "domain/books/book_values.hpp"
#include "domain/books/isbn.hpp"

namespace ld::books {

namespace {

using nlohmann::json;

// A trimmed string of at most `max_chars`; nullopt (with a violation) otherwise.
std::optional<std::string> read_text(const json& value, const std::string& path,
                                     std::size_t max_chars, Violations& v) {
  if (!value.is_string()) {
    v.add(path, "must be a string");
    return std::nullopt;
  }
  std::string s = text::trim(value.get_ref<const std::string&>());
  if (text::length(s) > max_chars) {
    v.add(path, fmt::format("must have at most {} characters", max_chars));
    return std::nullopt;
  }
  return s;
}

json required_text(const json& value, const std::string& path, std::size_t max_chars,
                   Violations& v) {
  auto s = read_text(value, path, max_chars, v);
  if (!s) return nullptr;
  if (s->empty()) {
    v.add(path, "must not be empty");
    return nullptr;
  }
  return *s;
}

// Optional prose (subtitle, publisher, description): empty means "not given".
json optional_text(const json& value, const std::string& path, std::size_t max_chars,
                   Violations& v) {
  auto s = read_text(value, path, max_chars, v);
  if (!s || s->empty()) return nullptr;
  return *s;
}

json name_list(const json& value, const std::string& path, Violations& v) {
  if (!value.is_array()) {
    v.add(path, "must be an array of strings");
    return nullptr;
  }
  if (value.size() > kMaxListItems) {
    v.add(path, fmt::format("must have at most {} items", kMaxListItems));
    return nullptr;
  }
  json out = json::array();
  for (std::size_t i = 0; i < value.size(); ++i) {
    out.push_back(required_text(value[i], json_input::at(path, i), kMaxNameChars, v));
  }
  return out;
}

json isbn(const json& value, const std::string& path, bool thirteen, Violations& v) {
  const char* message =
      thirteen ? "must be a valid ISBN-13 starting with 978 or 979" : "must be a valid ISBN-10";
  if (!value.is_string()) {
    v.add(path, message);
    return nullptr;
  }
  const auto& s = value.get_ref<const std::string&>();
  const auto normal = thirteen ? normalize_isbn13(text::trim(s)) : normalize_isbn10(text::trim(s));
  if (!normal) {
    v.add(path, message);
    return nullptr;
  }
  return *normal;
}

json count(const json& value, const std::string& path, std::int64_t max, Violations& v) {
  const auto n = json_input::as_integer(value, path, v, 0, max);
  return n ? json(*n) : json();
}

}  // namespace

bool is_known_field(std::string_view name) {
  return std::find(kKnownFields.begin(), kKnownFields.end(), name) != kKnownFields.end();
}

bool is_server_field(std::string_view name) {
  return std::find(kServerFields.begin(), kServerFields.end(), name) != kServerFields.end();
}

json normalise_field(std::string_view name, const json& value, Violations& v,
                     const std::set<std::string>& long_numbers) {
  const std::string path(name);
  if (name == "title") return required_text(value, path, kMaxTitleChars, v);
  if (name == "subtitle") return optional_text(value, path, kMaxTitleChars, v);
  if (name == "publisher") return optional_text(value, path, kMaxNameChars, v);
  if (name == "description") return optional_text(value, path, kMaxDescriptionChars, v);
  if (name == "authors" || name == "categories") return name_list(value, path, v);
  if (name == "isbn_10") return isbn(value, path, false, v);
  if (name == "isbn_13") return isbn(value, path, true, v);
  if (name == "page_count") return count(value, path, kMaxPageCount, v);
  if (name == "stock") return count(value, path, kMaxStock, v);
  if (name == "published_date") {
    if (!value.is_string() || !clock::is_partial_date(text::trim(value.get<std::string>()))) {
      v.add(path, "must be YYYY, YYYY-MM or a calendar date YYYY-MM-DD");
      return nullptr;
    }
    return text::trim(value.get<std::string>());
  }
  if (name == "language") {
    const auto tag = value.is_string()
                         ? canonical_language_tag(text::trim(value.get<std::string>()))
                         : std::nullopt;
    if (!tag) {
      v.add(path, "must be a BCP 47 language tag such as pt or pt-BR");
      return nullptr;
    }
    return *tag;
  }
  if (name == "thumbnail") {
    if (!value.is_string() || !is_http_url(text::trim(value.get<std::string>()))) {
      v.add(path, "must be an http or https URL");
      return nullptr;
    }
    return text::trim(value.get<std::string>());
  }
  if (name == "price") {
    const auto money =
        read_money(value, path, v, long_numbers.count(json_input::dot(path, "amount")) > 0);
    return money ? to_json(*money) : json();
  }
  if (name == "google_volume_id") return required_text(value, path, kMaxVolumeIdChars, v);
  return value;  // not a known field: the caller keeps it as given
}

}  // namespace ld::books
