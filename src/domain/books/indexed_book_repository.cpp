#include "domain/books/indexed_book_repository.hpp"

#include <algorithm>
#include <map>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "domain/books/book_filter.hpp"
#include "domain/books/book_json.hpp"

namespace ld {

namespace {

void append_missing(std::vector<std::string>& to, const std::vector<std::string>& from) {
  for (const auto& value : from) {
    if (std::find(to.begin(), to.end(), value) == to.end()) to.push_back(value);
  }
}

// The row that matches what either version of a book matches.
BookIndexEntry both(BookIndexEntry a, const BookIndexEntry& b) {
  append_missing(a.texts, b.texts);
  append_missing(a.authors, b.authors);
  append_missing(a.categories, b.categories);
  append_missing(a.languages, b.languages);
  return a;
}

}  // namespace

Book IndexedBookRepository::create(const Book& book) {
  Book to_store = book;
  // The row is written before the book, so the book needs its id now.
  const bool fresh = to_store.id.empty();
  if (fresh) to_store.id = ids::new_book_id();
  index_.widen(index_entry_of(to_store));
  return fresh ? books_.create_fresh(to_store) : books_.create(to_store);
}

std::optional<Book> IndexedBookRepository::update(const Book& read, const Book& changed) {
  const auto before = index_entry_of(read);
  auto after = index_entry_of(changed);
  after.book_id = read.id;
  if (before == after) return books_.update(read, changed);
  index_.widen(both(before, after));
  auto stored = books_.update(read, changed);
  if (!stored) {
    index_.forget(read.id);  // removed meanwhile: the widened row would have no book
    return stored;
  }
  index_.narrow(index_entry_of(*stored), stored->updated_at);
  return stored;
}

bool IndexedBookRepository::remove(const std::string& id) {
  const bool removed = books_.remove(id);
  // Also when there was no book: a row left by a create that died before storing it goes too.
  index_.forget(id);
  return removed;
}

bool IndexedBookRepository::index_complete() {
  if (complete_.load(std::memory_order_relaxed)) return true;
  if (!index_.complete()) return false;
  complete_.store(true, std::memory_order_relaxed);
  return true;
}

Page<Book> IndexedBookRepository::list(const BookFilter& filter, const PageRequest& page) {
  if (!index_complete()) return books_.list(filter, page);
  return list_from_index(filter, page);
}

Page<Book> IndexedBookRepository::list_from_index(const BookFilter& filter,
                                                  const PageRequest& page) {
  std::optional<std::string> after;
  if (page.after) {
    after = books::position_id(*page.after);
    if (!after) throw invalid_field("cursor", "is not a cursor from a previous page");
  }
  const int limit = std::clamp(page.limit, 1, 100);
  // One book more than asked tells whether another page follows. Ids whose book is gone or no
  // longer matches are skipped and more are read, so the page is full and its cursor exact.
  std::vector<Book> found;
  for (;;) {
    const int wanted = limit + 1 - static_cast<int>(found.size());
    const auto ids = index_.ids(filter, after, wanted);
    if (ids.empty()) break;
    for (auto& book : books_.find_each(ids)) {
      if (matches(book, filter)) found.push_back(std::move(book));
    }
    after = ids.back();
    if (static_cast<int>(found.size()) > limit || static_cast<int>(ids.size()) < wanted) break;
  }
  Page<Book> result;
  const bool more = static_cast<int>(found.size()) > limit;
  if (more) found.resize(static_cast<std::size_t>(limit));
  result.items = std::move(found);
  if (more) result.next = books::position_of(result.items.back());
  return result;
}

namespace {

struct Stopped {};

}  // namespace

std::int64_t backfill_book_index(BookRepository& books, BookIndex& index, std::stop_token stop) {
  if (index.complete()) return 0;
  constexpr std::size_t kBatch = 500;
  std::int64_t read = 0;
  // By id, so a book a scan hands over twice (moved while it ran) is one entry of its batch.
  std::map<std::string, BookIndexEntry> batch;
  const auto flush = [&] {
    std::vector<BookIndexEntry> entries;
    entries.reserve(batch.size());
    for (auto& [id, entry] : batch) entries.push_back(std::move(entry));
    batch.clear();
    if (!entries.empty()) index.widen_all(entries);
  };
  try {
    books.each([&](const Book& book) {
      if (stop.stop_requested()) throw Stopped{};
      // Widened, not narrowed: a write that lands between this read and this row already widened
      // the row to its own version, and narrowing it to the version read here would undo that.
      auto entry = index_entry_of(book);
      auto [it, added] = batch.try_emplace(book.id, entry);
      if (!added) it->second = both(std::move(it->second), entry);
      ++read;
      if (batch.size() == kBatch) flush();
    });
  } catch (const Stopped&) {
    return read;
  }
  flush();
  index.mark_complete();
  return read;
}

}  // namespace ld
