#include "s1/google_books/volume_mapping.hpp"

#include <algorithm>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/money.hpp"
#include "core/text.hpp"
#include "core/violations.hpp"
#include "domain/books/book_fields.hpp"
#include "domain/books/book_input.hpp"
#include "domain/books/book_values.hpp"
#include "domain/books/document_rules.hpp"
#include "domain/books/isbn.hpp"
#include "s1/generator/random.hpp"
#include "s1/google_books/google_price.hpp"

namespace ld::s1::google_books {

namespace {

using nlohmann::json;

// A trimmed string cut to `max_chars` code points, NULs removed; nullopt when empty.
std::optional<std::string> clean_text(const json& obj, const char* key, std::size_t max_chars) {
  const auto it = obj.find(key);
  if (it == obj.end() || !it->is_string()) return std::nullopt;
  std::string s;
  for (const char c : it->get_ref<const std::string&>()) {
    if (c != '\0') s.push_back(c);
  }
  s = text::trim(s);
  std::size_t chars = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool starts_char = (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
    if (starts_char && ++chars > max_chars) {
      s.resize(i);
      s = text::trim(s);
      break;
    }
  }
  if (s.empty()) return std::nullopt;
  return s;
}

std::optional<json> name_list(const json& info, const char* key) {
  const auto it = info.find(key);
  if (it == info.end() || !it->is_array()) return std::nullopt;
  json names = json::array();
  for (const auto& entry : *it) {
    if (names.size() == books::kMaxListItems) break;
    json holder = {{"name", entry}};
    if (auto name = clean_text(holder, "name", books::kMaxNameChars)) names.push_back(*name);
  }
  if (names.empty()) return std::nullopt;
  return names;
}

// "2004", "2004-05", "2004-05-12" as they are; a timestamp gives its date part.
std::optional<std::string> published_date(const json& info) {
  auto text = clean_text(info, "publishedDate", 64);
  if (!text) return std::nullopt;
  if (clock::is_partial_date(*text)) return text;
  if (text->size() > 10 && (*text)[10] == 'T') {
    auto day = text->substr(0, 10);
    if (clock::is_partial_date(day)) return day;
  }
  return std::nullopt;
}

void add_isbns(const json& info, json& book) {
  const auto ids = info.find("industryIdentifiers");
  if (ids == info.end() || !ids->is_array()) return;
  for (const auto& id : *ids) {
    if (!id.is_object()) continue;
    const auto type = id.value("type", std::string{});
    const auto value = id.value("identifier", std::string{});
    if (type == "ISBN_13" && !book.contains("isbn_13")) {
      if (auto isbn = books::normalize_isbn13(value)) book["isbn_13"] = *isbn;
    } else if (type == "ISBN_10" && !book.contains("isbn_10")) {
      if (auto isbn = books::normalize_isbn10(value)) book["isbn_10"] = *isbn;
    }
  }
}

std::uint64_t fnv1a(const std::string& text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

// Whole reais ending in ,90, between 19,90 and 189,90: prices a Brazilian shop would show.
Money drawn_price(Random& random) {
  return Money{static_cast<std::int64_t>(2 + random.below(18)) * 1000 - 10, "BRL"};
}

// The raw volumeInfo travels along only when S2 can store it as given.
bool storable(const json& info) {
  Violations v;
  books::check_document(info, "volume_info", 2, v);
  return v.empty();
}

// The ISBN-13 of a (valid, normalised) ISBN-10: 978, its first nine digits, a new check digit.
std::string isbn13_of(const std::string& ten) {
  std::string thirteen = "978" + ten.substr(0, 9);
  int sum = 0;
  for (std::size_t i = 0; i < thirteen.size(); ++i) sum += (thirteen[i] - '0') * (i % 2 ? 3 : 1);
  thirteen.push_back(static_cast<char>('0' + (10 - sum % 10) % 10));
  return thirteen;
}

bool accepted_by_s2(const json& book) {
  try {
    books::read_new_book(book);
    return true;
  } catch (const Error&) {
    return false;
  }
}

}  // namespace

std::optional<json> map_volume(const json& volume, std::uint64_t seed) {
  if (!volume.is_object()) return std::nullopt;
  const auto info_it = volume.find("volumeInfo");
  if (info_it == volume.end() || !info_it->is_object()) return std::nullopt;
  const json& info = *info_it;
  auto title = clean_text(info, "title", books::kMaxTitleChars);
  if (!title) return std::nullopt;

  json book = {{"title", *title}};
  if (auto s = clean_text(info, "subtitle", books::kMaxTitleChars)) book["subtitle"] = *s;
  if (auto a = name_list(info, "authors")) book["authors"] = *a;
  if (auto p = clean_text(info, "publisher", books::kMaxNameChars)) book["publisher"] = *p;
  if (auto d = published_date(info)) book["published_date"] = *d;
  if (auto d = clean_text(info, "description", books::kMaxDescriptionChars)) {
    book["description"] = *d;
  }
  add_isbns(info, book);
  if (const auto pages = info.find("pageCount");
      pages != info.end() && pages->is_number_integer() && pages->get<std::int64_t>() >= 0 &&
      pages->get<std::int64_t>() <= books::kMaxPageCount) {
    book["page_count"] = pages->get<std::int64_t>();
  }
  if (auto c = name_list(info, "categories")) book["categories"] = *c;
  if (auto lang = clean_text(info, "language", 64)) {
    if (auto tag = books::canonical_language_tag(*lang)) book["language"] = *tag;
  }
  if (const auto links = info.find("imageLinks"); links != info.end() && links->is_object()) {
    if (auto thumb = clean_text(*links, "thumbnail", 2048); thumb && books::is_http_url(*thumb)) {
      book["thumbnail"] = *thumb;
    }
  }

  const auto id = clean_text(volume, "id", books::kMaxVolumeIdChars);
  Random random(seed * 0x9e3779b97f4a7c15ULL ^ fnv1a(id ? *id : *title));
  // Both draws happen for every volume, so one volume's sale state never shifts another's.
  const Money drawn = drawn_price(random);
  const bool unlimited = random.chance(0.25);
  const auto stock = static_cast<std::int64_t>(10 + random.below(191));
  const auto sale = volume.find("saleInfo");
  const auto sold = sale == volume.end() ? std::nullopt : read_sale_price(*sale);
  book["price"] = to_json(sold ? *sold : drawn);
  if (!unlimited) book["stock"] = stock;
  if (id) book["google_volume_id"] = *id;
  if (storable(info)) book["volume_info"] = info;

  if (accepted_by_s2(book)) return book;
  book.erase("volume_info");
  if (accepted_by_s2(book)) return book;
  return std::nullopt;
}

std::vector<std::string> identity_keys(const json& book) {
  std::vector<std::string> keys;
  if (const auto id = book.find("google_volume_id"); id != book.end() && id->is_string()) {
    keys.push_back("volume:" + id->get<std::string>());
  }
  if (const auto isbn = book.find("isbn_13"); isbn != book.end() && isbn->is_string()) {
    keys.push_back("isbn:" + isbn->get<std::string>());
  }
  if (const auto isbn = book.find("isbn_10"); isbn != book.end() && isbn->is_string()) {
    const auto ten = isbn->get<std::string>();
    keys.push_back("isbn:" + ten);
    const auto same = "isbn:" + isbn13_of(ten);
    if (std::find(keys.begin(), keys.end(), same) == keys.end()) keys.push_back(same);
  }
  return keys;
}

}  // namespace ld::s1::google_books
