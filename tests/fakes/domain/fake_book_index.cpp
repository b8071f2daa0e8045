#include "fakes/domain/fake_book_index.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace ld::fakes {

namespace {

void add_missing(std::vector<std::string>& to, const std::vector<std::string>& from) {
  for (const auto& value : from) {
    if (std::find(to.begin(), to.end(), value) == to.end()) to.push_back(value);
  }
}

bool holds(const std::vector<std::string>& values, const std::string& wanted) {
  return std::find(values.begin(), values.end(), wanted) != values.end();
}

// As the real index's query: q a part of the texts one under the other, the rest one element.
bool row_matches(const BookIndexEntry& row, const BookFilter& filter) {
  if (filter.q) {
    std::string joined;
    for (const auto& text : row.texts) joined += (joined.empty() ? "" : "\n") + text;
    if (joined.find(text::fold_case(*filter.q)) == std::string::npos) return false;
  }
  if (filter.author && !holds(row.authors, text::fold_case(*filter.author))) return false;
  if (filter.category && !holds(row.categories, text::fold_case(*filter.category))) return false;
  return !filter.language || holds(row.languages, *filter.language);
}

}  // namespace

void FakeBookIndex::widen(const BookIndexEntry& entry) {
  store_.run("widen", [&] {
    auto [it, added] = rows.try_emplace(entry.book_id, Row{entry, 0});
    if (added) return;
    auto& row = it->second.entry;
    add_missing(row.texts, entry.texts);
    add_missing(row.authors, entry.authors);
    add_missing(row.categories, entry.categories);
    add_missing(row.languages, entry.languages);
  });
}

void FakeBookIndex::narrow(const BookIndexEntry& entry, clock::Millis version) {
  store_.run("narrow", [&] {
    auto it = rows.find(entry.book_id);
    if (it == rows.end()) {
      rows.emplace(entry.book_id, Row{entry, version});
    } else if (it->second.version <= version) {
      it->second = Row{entry, version};
    }
  });
}

void FakeBookIndex::forget(const std::string& book_id) {
  store_.run("forget", [&] { rows.erase(book_id); });
}

std::vector<std::string> FakeBookIndex::ids(const BookFilter& filter,
                                            const std::optional<std::string>& after, int count) {
  return store_.run("ids", [&] {
    std::vector<std::string> out;
    for (auto it = after ? rows.upper_bound(*after) : rows.begin();
         it != rows.end() && static_cast<int>(out.size()) < count; ++it) {
      if (row_matches(it->second.entry, filter)) out.push_back(it->first);
    }
    return out;
  });
}

bool FakeBookIndex::complete() {
  return store_.run("complete", [&] { return is_complete; });
}

void FakeBookIndex::mark_complete() {
  store_.run("mark_complete", [&] { is_complete = true; });
}

}  // namespace ld::fakes
