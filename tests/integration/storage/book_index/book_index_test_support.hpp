// What the book index tests share: the PostgreSQL store with its book index emptied once per
// program, the books repository of S2 (MongoDB books listed through that index), and books of
// one test fenced off from every other by a category of their own.
#pragma once

#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "domain/books/indexed_book_repository.hpp"
#include "storage/postgres/postgres_store.hpp"

namespace ld::test {

PostgresStore& test_postgres();
// Empties book_index and book_index_state, as before the index existed.
void reset_book_index();
// A value read with a direct connection ("" for none or NULL).
std::string index_value(const std::string& sql);

class IndexedBooks : public ::testing::Test {
 protected:
  IndexedBooks();

  // Stores a book through the index; returns its id.
  std::string add(const std::string& title, nlohmann::json authors = nlohmann::json::array(),
                  const char* language = "pt-BR", nlohmann::json more_categories = {});
  // Titles of every book matching `filter` within this test's fence, one page of 100.
  std::vector<std::string> titles(BookFilter filter);
  // Ids of every book matching `filter` within the fence, read `page_size` at a time.
  std::vector<std::string> ids_by_pages(BookFilter filter, int page_size);
  static BookFilter q(std::string text);

  std::string fence_;
  IndexedBookRepository repo_;
};

}  // namespace ld::test
