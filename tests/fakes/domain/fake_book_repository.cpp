#include "fakes/domain/fake_book_repository.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/text.hpp"
#include "domain/books/book_json.hpp"

namespace ld::fakes {

namespace {

bool has_folded(const nlohmann::json& fields, const char* list, const std::string& wanted) {
  const auto it = fields.find(list);
  if (it == fields.end() || !it->is_array()) return false;
  return std::any_of(it->begin(), it->end(), [&](const nlohmann::json& item) {
    return item.is_string() && text::fold_case(item.get<std::string>()) == text::fold_case(wanted);
  });
}

bool mentions(const Book& book, const std::string& q) {
  if (text::contains_folded(book.title(), q)) return true;
  const auto authors = book.fields.find("authors");
  if (authors == book.fields.end() || !authors->is_array()) return false;
  return std::any_of(authors->begin(), authors->end(), [&](const nlohmann::json& a) {
    return a.is_string() && text::contains_folded(a.get<std::string>(), q);
  });
}

bool matches(const Book& book, const BookFilter& filter) {
  return (!filter.q || mentions(book, *filter.q)) &&
         (!filter.author || has_folded(book.fields, "authors", *filter.author)) &&
         (!filter.category || has_folded(book.fields, "categories", *filter.category)) &&
         (!filter.language || book.fields.value("language", std::string{}) == *filter.language);
}

}  // namespace

void FakeBookRepository::check_unique(const Book& book) const {
  for (const char* field : {"isbn_13", "isbn_10", "google_volume_id"}) {
    const auto value = book.fields.find(field);
    if (value == book.fields.end() || value->is_null()) continue;
    for (const auto& [id, other] : shelf_.books) {
      if (id == book.id) continue;
      const auto theirs = other.book.fields.find(field);
      if (theirs != other.book.fields.end() && *theirs == *value) {
        throw conflict(field, "is already used by another book");
      }
    }
  }
}

Book FakeBookRepository::create(const Book& book) {
  return shelf_.run("create", [&] {
    Book stored = book;
    if (stored.id.empty()) {
      stored.id = fmt::format("{:024x}", shelf_.next_id++);
    } else if (const auto earlier = shelf_.books.find(stored.id); earlier != shelf_.books.end()) {
      return earlier->second.book;  // a retried request's promised id: stored before
    }
    check_unique(stored);
    stored.created_at = stored.updated_at = shelf_.clock.now();
    shelf_.books[stored.id].book = stored;
    return stored;
  });
}

std::optional<Book> FakeBookRepository::find(const std::string& id) {
  return shelf_.run("find", [&]() -> std::optional<Book> {
    const auto it = shelf_.books.find(id);
    if (it == shelf_.books.end()) return std::nullopt;
    return it->second.book;
  });
}

Page<Book> FakeBookRepository::list(const BookFilter& filter, const PageRequest& page) {
  std::optional<std::string> after;
  if (page.after) {
    after = books::position_id(*page.after);
    if (!after) throw invalid_field("cursor", "is not a cursor from a previous page");
  }
  const auto limit = static_cast<std::size_t>(std::clamp(page.limit, 1, 100));
  return shelf_.run("list", [&] {
    Page<Book> result;
    for (auto it = after ? shelf_.books.upper_bound(*after) : shelf_.books.begin();
         it != shelf_.books.end(); ++it) {
      if (!matches(it->second.book, filter)) continue;
      if (result.items.size() == limit) {
        result.next = books::position_of(result.items.back());
        break;
      }
      result.items.push_back(it->second.book);
    }
    return result;
  });
}

std::optional<Book> FakeBookRepository::update(const Book& read, const Book& changed) {
  return shelf_.run("update", [&]() -> std::optional<Book> {
    const auto it = shelf_.books.find(read.id);
    if (it == shelf_.books.end()) return std::nullopt;
    Book& current = it->second.book;
    if (current.updated_at != read.updated_at) {
      throw conflict_state("The book was changed by another request; read it again and retry.");
    }
    check_unique(changed);
    Book stored = changed;
    stored.id = read.id;
    if (const auto stock = stock_to_store(read, changed, current.stock())) {
      stored.fields["stock"] = *stock;
    }
    stored.created_at = current.created_at;
    stored.updated_at = std::max(shelf_.clock.now(), current.updated_at + 1);
    current = stored;  // the ledger beside it stays as it is
    ++it->second.revision;
    return stored;
  });
}

bool FakeBookRepository::remove(const std::string& id) {
  return shelf_.run("remove", [&] { return shelf_.books.erase(id) == 1; });
}

std::int64_t FakeBookRepository::count() {
  return shelf_.run("count", [&] { return static_cast<std::int64_t>(shelf_.books.size()); });
}

}  // namespace ld::fakes
