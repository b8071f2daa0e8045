#include "integration/storage/book_index/book_index_test_support.hpp"

#include <pqxx/pqxx>

#include "domain/books/book_input.hpp"
#include "integration/storage/mongo/mongo_test_support.hpp"
#include "integration/storage/postgres/pg_test_support.hpp"
#include "support/test_env.hpp"

namespace ld::test {

PostgresStore& test_postgres() {
  static PostgresStore* store = [] {
    auto* s = new PostgresStore(pg_settings(), test_metrics());
    s->migrate();
    reset_book_index();
    s->book_index().mark_complete();
    return s;
  }();
  return *store;
}

void reset_book_index() {
  pqxx::connection c(pg_url());
  pqxx::nontransaction(c).exec("TRUNCATE book_index, book_index_state");
}

std::string index_value(const std::string& sql) {
  return pg_value(sql);
}

IndexedBooks::IndexedBooks()
    : fence_(unique_token()), repo_(test_store().books(), test_postgres().book_index()) {}

std::string IndexedBooks::add(const std::string& title, nlohmann::json authors,
                              const char* language, nlohmann::json more_categories) {
  nlohmann::json categories = nlohmann::json::array({fence_});
  if (more_categories.is_array()) {
    for (const auto& c : more_categories) categories.push_back(c);
  }
  return repo_
      .create(books::read_new_book({{"title", title},
                                    {"authors", std::move(authors)},
                                    {"categories", std::move(categories)},
                                    {"language", language}}))
      .id;
}

std::vector<std::string> IndexedBooks::titles(BookFilter filter) {
  if (!filter.category) filter.category = fence_;
  PageRequest page;
  page.limit = 100;
  std::vector<std::string> out;
  for (const auto& book : repo_.list(filter, page).items) out.push_back(book.title());
  return out;
}

std::vector<std::string> IndexedBooks::ids_by_pages(BookFilter filter, int page_size) {
  if (!filter.category) filter.category = fence_;
  PageRequest page;
  page.limit = page_size;
  std::vector<std::string> out;
  for (;;) {
    const auto result = repo_.list(filter, page);
    EXPECT_LE(static_cast<int>(result.items.size()), page_size);
    for (const auto& book : result.items) out.push_back(book.id);
    if (!result.next) return out;
    EXPECT_EQ(static_cast<int>(result.items.size()), page_size) << "a page before the last is full";
    page.after = result.next;
  }
}

BookFilter IndexedBooks::q(std::string text) {
  BookFilter f;
  f.q = std::move(text);
  return f;
}

}  // namespace ld::test
