// GET /books filters answered through the book index in PostgreSQL, books read from MongoDB:
// q is a literal, case- and accent-insensitive part of the title or of one author; author and
// category equal one element, ignoring case; language exactly; pages in id order, cursors exact.
#include <algorithm>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "integration/storage/book_index/book_index_test_support.hpp"

namespace ld::test {

using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

namespace {

using IndexedSearch = IndexedBooks;

TEST_F(IndexedSearch, QMatchesPartOfTheTitleIgnoringCaseAndAccents) {
  add("Memórias Póstumas de Brás Cubas", {"Machado de Assis"});
  add("Iracema", {"José de Alencar"});
  EXPECT_THAT(titles(q("PÓSTUMAS")), ElementsAre("Memórias Póstumas de Brás Cubas"));
  EXPECT_THAT(titles(q("BRÁS")), ElementsAre("Memórias Póstumas de Brás Cubas"));
  EXPECT_THAT(titles(q("CORAÇÃO")), IsEmpty());
}

TEST_F(IndexedSearch, QFoldsAccentedCapitals) {
  add("CORAÇÃO DE TINTA");
  EXPECT_THAT(titles(q("coração")), ElementsAre("CORAÇÃO DE TINTA"));
  EXPECT_THAT(titles(q("Ção")), ElementsAre("CORAÇÃO DE TINTA"));
}

TEST_F(IndexedSearch, QMatchesPartOfAnyAuthorButNotAcrossTitleAndAuthor) {
  add("Iracema", {"José de Alencar"});
  add("O Guarani", {"Outro Autor", "JOSÉ DE ALENCAR"});
  add("Dom Casmurro", {"Machado de Assis"});
  EXPECT_THAT(titles(q("alencar")), UnorderedElementsAre("Iracema", "O Guarani"));
  EXPECT_THAT(titles(q("Iracema José")), IsEmpty());
  EXPECT_THAT(titles(q("iracema\njosé")), IsEmpty());
}

TEST_F(IndexedSearch, LikeWildcardsAndRegexCharactersAreTakenLiterally) {
  add("100% Brasil");
  add("1000 Brasis");
  add("snake_case");
  add("snakeXcase");
  add("C:\\livros");
  add("C:livros");
  add("a.*b (c|d)");
  add("axxb cd");
  EXPECT_THAT(titles(q("0%")), ElementsAre("100% Brasil"));
  EXPECT_THAT(titles(q("%")), ElementsAre("100% Brasil"));
  EXPECT_THAT(titles(q("e_c")), ElementsAre("snake_case"));
  EXPECT_THAT(titles(q("_")), ElementsAre("snake_case"));
  EXPECT_THAT(titles(q(":\\l")), ElementsAre("C:\\livros"));
  EXPECT_THAT(titles(q("\\")), ElementsAre("C:\\livros"));
  EXPECT_THAT(titles(q(".*b (c|d)")), ElementsAre("a.*b (c|d)"));
  EXPECT_THAT(titles(q("[a-z]")), IsEmpty());
}

TEST_F(IndexedSearch, AuthorCategoryAndLanguageFilter) {
  add("Um", {"Clarice Lispector"}, "pt-BR", {"Romance"});
  add("Dois", {"clarice lispector", "Outra"}, "en", {"Contos"});
  add("Três", {"Clarice"}, "pt-BR", {"romance"});
  BookFilter by_author;
  by_author.author = "CLARICE LISPECTOR";
  EXPECT_THAT(titles(by_author), UnorderedElementsAre("Um", "Dois"));
  BookFilter by_category;
  by_category.category = fence_;
  by_category.language = "pt-BR";
  EXPECT_THAT(titles(by_category), UnorderedElementsAre("Um", "Três"));
  BookFilter all;
  all.author = "clarice lispector";
  all.language = "en";
  all.q = "doi";
  EXPECT_THAT(titles(all), ElementsAre("Dois"));
  BookFilter other_category;
  other_category.category = "ROMANCE";
  other_category.q = fence_;  // no title holds the fence
  EXPECT_THAT(titles(other_category), IsEmpty());
}

TEST_F(IndexedSearch, PagesTogetherEqualTheWholeResultInIdOrder) {
  std::vector<std::string> expected;
  std::vector<std::string> expected_q;
  for (int i = 0; i < 47; ++i) {
    const bool rare = i % 3 == 0;
    const auto id = add((rare ? "Sertão " : "Cidade ") + std::to_string(i));
    expected.push_back(id);
    if (rare) expected_q.push_back(id);
  }
  std::sort(expected.begin(), expected.end());
  std::sort(expected_q.begin(), expected_q.end());
  EXPECT_THAT(ids_by_pages({}, 5), ElementsAreArray(expected));
  EXPECT_THAT(ids_by_pages({}, 47), ElementsAreArray(expected));
  EXPECT_THAT(ids_by_pages({}, 100), ElementsAreArray(expected));
  EXPECT_THAT(ids_by_pages(q("SERTÃO"), 4), ElementsAreArray(expected_q));
  EXPECT_THAT(ids_by_pages(q("SERTÃO"), 1), ElementsAreArray(expected_q));
}

TEST_F(IndexedSearch, AnUnknownCursorIsRefused) {
  PageRequest page;
  page.after = json{{"page", 2}};
  EXPECT_THROW(repo_.list({}, page), Error);
}

}  // namespace
}  // namespace ld::test
