// GET /books filters on MongoDB alone, S2's answer until its book index in PostgreSQL is complete
// (tests/integration/storage/book_index tests the index): q is a literal, case-insensitive
// substring of the title or an author; author and category match one element exactly, ignoring
// case; language exactly.
#include <algorithm>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "domain/books/book_input.hpp"
#include "integration/storage/mongo/mongo_test_support.hpp"

namespace ld::test {

using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

namespace {

BookRepository& repo() {
  return test_store().books();
}

// Books of one test, fenced off from every other by a category of their own.
class BookSearch : public ::testing::Test {
 protected:
  std::string add(const std::string& title, json authors, const char* language = "pt-BR",
                  json more_categories = json::array()) {
    json categories = json::array({fence_});
    for (const auto& c : more_categories) categories.push_back(c);
    return repo()
        .create(books::read_new_book({{"title", title},
                                      {"authors", std::move(authors)},
                                      {"categories", std::move(categories)},
                                      {"language", language}}))
        .title();
  }
  std::vector<std::string> titles(BookFilter filter) {
    if (!filter.category) filter.category = fence_;
    PageRequest page;
    page.limit = 100;
    std::vector<std::string> out;
    for (const auto& book : repo().list(filter, page).items) out.push_back(book.title());
    return out;
  }
  static BookFilter q(std::string text) {
    BookFilter f;
    f.q = std::move(text);
    return f;
  }
  std::string fence_ = unique_token();
};

}  // namespace

TEST_F(BookSearch, QMatchesPartOfTheTitleIgnoringCase) {
  add("Memórias Póstumas de Brás Cubas", {"Machado de Assis"});
  add("Iracema", {"José de Alencar"});
  EXPECT_THAT(titles(q("PÓSTUMAS")), ElementsAre("Memórias Póstumas de Brás Cubas"));
  EXPECT_THAT(titles(q("brás")), ElementsAre("Memórias Póstumas de Brás Cubas"));
}

TEST_F(BookSearch, QFoldsAccentedCapitals) {
  add("CORAÇÃO DE TINTA", {});
  EXPECT_THAT(titles(q("coração")), ElementsAre("CORAÇÃO DE TINTA"));
  EXPECT_THAT(titles(q("Ção")), ElementsAre("CORAÇÃO DE TINTA"));
}

TEST_F(BookSearch, QMatchesPartOfAnyAuthor) {
  add("Iracema", {"José de Alencar"});
  add("O Guarani", {"Outro Autor", "JOSÉ DE ALENCAR"});
  add("Dom Casmurro", {"Machado de Assis"});
  EXPECT_THAT(titles(q("alencar")), UnorderedElementsAre("Iracema", "O Guarani"));
}

TEST_F(BookSearch, QDoesNotMatchAcrossTitleAndAuthor) {
  add("Iracema", {"José de Alencar"});
  EXPECT_THAT(titles(q("Iracema José")), IsEmpty());
}

TEST_F(BookSearch, QWithRegexMetacharactersIsLiteral) {
  add("C++ (a linguagem) .*", {});
  add("Cobol", {});
  add("abc", {});
  EXPECT_THAT(titles(q(".*")), ElementsAre("C++ (a linguagem) .*"));
  EXPECT_THAT(titles(q("C++ (")), ElementsAre("C++ (a linguagem) .*"));
  EXPECT_THAT(titles(q("a.c")), IsEmpty());
  EXPECT_THAT(titles(q("^abc$")), IsEmpty());
  for (const char* odd : {"[", "\\", "{1}", "|", "?", "$", "a{2,}", "(?i)", "\\d", "/", "#"}) {
    EXPECT_THAT(titles(q(odd)), IsEmpty()) << odd;
  }
}

TEST_F(BookSearch, QThatLooksLikeAnOperatorIsLiteral) {
  add("Livro com {\"$gt\": \"\"} no título", {});
  add("Outro", {});
  EXPECT_THAT(titles(q("{\"$gt\": \"\"}")), ElementsAre("Livro com {\"$gt\": \"\"} no título"));
}

TEST_F(BookSearch, AuthorMatchesOneWholeAuthorIgnoringCase) {
  add("Dom Casmurro", {"Machado de Assis"});
  add("Quincas Borba", {"MACHADO DE ASSIS", "Editor"});
  add("Outro", {"Machado"});
  BookFilter f;
  f.author = "machado de assis";
  EXPECT_THAT(titles(f), UnorderedElementsAre("Dom Casmurro", "Quincas Borba"));
  f.author = "Machado";
  EXPECT_THAT(titles(f), ElementsAre("Outro"));
  f.author = "Assis";
  EXPECT_THAT(titles(f), IsEmpty());
}

TEST_F(BookSearch, CategoryMatchesOneWholeCategoryIgnoringCase) {
  add("Romance 1", {}, "pt-BR", {"Ficção Brasileira"});
  add("Poesia 1", {}, "pt-BR", {"Poesia"});
  BookFilter f;
  f.category = fence_;
  f.q = "1";
  EXPECT_THAT(titles(f), UnorderedElementsAre("Romance 1", "Poesia 1"));
  // The fence is the only way to keep other tests' books out; search by the second category
  // and keep only this test's titles.
  BookFilter by_category;
  by_category.category = "FICÇÃO BRASILEIRA";
  PageRequest page;
  page.limit = 100;
  bool found = false;
  for (const auto& b : repo().list(by_category, page).items) {
    EXPECT_NE(b.title(), "Poesia 1");
    if (b.title() == "Romance 1") found = true;
  }
  EXPECT_TRUE(found);
}

TEST_F(BookSearch, LanguageMatchesExactly) {
  add("Em português", {}, "pt-BR");
  add("Em português de Portugal", {}, "pt-PT");
  add("In English", {}, "en");
  BookFilter f;
  f.language = "pt-BR";
  EXPECT_THAT(titles(f), ElementsAre("Em português"));
  f.language = "pt";
  EXPECT_THAT(titles(f), IsEmpty());
}

TEST_F(BookSearch, FiltersCombineWithAnd) {
  add("Iracema", {"José de Alencar"}, "pt-BR");
  add("Iracema (tradução)", {"Translator"}, "en");
  add("Senhora", {"José de Alencar"}, "pt-BR");
  BookFilter f = q("iracema");
  f.language = "pt-BR";
  EXPECT_THAT(titles(f), ElementsAre("Iracema"));
  f.author = "josé de alencar";
  EXPECT_THAT(titles(f), ElementsAre("Iracema"));
  f.author = "translator";
  EXPECT_THAT(titles(f), IsEmpty());
}

TEST_F(BookSearch, PagesOfAFilteredListHoldOnlyMatches) {
  for (int i = 0; i < 5; ++i) add("Série " + std::to_string(i), {});
  add("Fora", {});
  BookFilter f = q("série");
  f.category = fence_;
  PageRequest page;
  page.limit = 2;
  std::vector<std::string> seen;
  while (true) {
    const auto result = repo().list(f, page);
    for (const auto& b : result.items) seen.push_back(b.title());
    if (!result.next) break;
    page.after = result.next;
  }
  EXPECT_EQ(seen.size(), 5u);
  EXPECT_TRUE(std::find(seen.begin(), seen.end(), "Fora") == seen.end());
}

}  // namespace ld::test
