// The book index in step with the books: rows written around every create, change and removal;
// rows a crash could leave (one without its book, one that says more than its book) never put a
// wrong book in a list nor shorten a page; the back-fill of books stored before the index.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "domain/books/book_input.hpp"
#include "domain/books/patch_book.hpp"
#include "integration/storage/book_index/book_index_test_support.hpp"
#include "integration/storage/mongo/mongo_test_support.hpp"

namespace ld::test {

using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::IsEmpty;

namespace {

class IndexInStep : public IndexedBooks {
 protected:
  std::string row(const std::string& id, const char* column) {
    return index_value("SELECT " + std::string(column) + " FROM book_index WHERE book_id = '" + id +
                       "'");
  }
  std::optional<Book> patch(const std::string& id, const json& body) {
    return patch_book(repo_, id, books::read_book_patch(body));
  }
  // The row a book with this id and these values would have, written straight to the index.
  BookIndexEntry entry(const std::string& id, const std::string& title) {
    Book book = new_book(title, fence_);
    book.id = id;
    return index_entry_of(book);
  }
};

TEST_F(IndexInStep, ACreatedBookHasItsRow) {
  const auto id = add("Vidas Secas", {"Graciliano Ramos"}, "pt-BR");
  EXPECT_EQ(row(id, "search_text"), "vidas secas\ngraciliano ramos");
  EXPECT_EQ(row(id, "array_to_string(languages, ',')"), "pt-BR");
}

TEST_F(IndexInStep, AChangeOfAListedValueMovesTheBookBetweenSearches) {
  const auto id = add("Capitães da Areia", {"Jorge Amado"});
  ASSERT_TRUE(patch(id, {{"title", "Mar Morto"}, {"language", "en"}}));
  EXPECT_THAT(titles(q("areia")), IsEmpty());
  EXPECT_THAT(titles(q("mar morto")), ElementsAre("Mar Morto"));
  BookFilter portuguese;
  portuguese.language = "pt-BR";
  EXPECT_THAT(titles(portuguese), IsEmpty());
  // Narrowed to the version stored: the old title is gone from the row.
  EXPECT_EQ(row(id, "search_text"), "mar morto\njorge amado");
  EXPECT_EQ(row(id, "version"), std::to_string(repo_.find(id)->updated_at));
}

TEST_F(IndexInStep, AChangeOfNoListedValueLeavesTheRowAlone) {
  const auto id = add("Sagarana", {"João Guimarães Rosa"});
  const auto version = row(id, "version");
  ASSERT_TRUE(patch(id, {{"subtitle", "Contos"}, {"page_count", 300}}));
  EXPECT_EQ(row(id, "version"), version);
  EXPECT_THAT(titles(q("sagarana")), ElementsAre("Sagarana"));
}

TEST_F(IndexInStep, ARemovedBookLosesItsRow) {
  const auto id = add("Macunaíma");
  ASSERT_TRUE(repo_.remove(id));
  EXPECT_EQ(index_value("SELECT count(*) FROM book_index WHERE book_id = '" + id + "'"), "0");
  EXPECT_THAT(titles({}), IsEmpty());
}

// A create that died between its row and its book: the row's id is read, not found, skipped, and
// the page is still full with an exact cursor.
TEST_F(IndexInStep, ARowWithoutItsBookIsSkippedAndThePageStaysFull) {
  std::vector<std::string> stored;
  for (int i = 0; i < 6; ++i) stored.push_back(add("Grande Sertão " + std::to_string(i)));
  // Orphans between and after the stored ids (ids of the same shape, never stored).
  for (int i = 0; i < 8; ++i) {
    auto orphan = stored[static_cast<std::size_t>(i % 6)];
    orphan.back() = orphan.back() == 'f' ? 'e' : 'f';
    test_postgres().book_index().widen(entry(orphan, "Grande Sertão órfão"));
  }
  test_postgres().book_index().widen(entry("ffffffffffffffffffffffff", "Grande Sertão órfão"));
  std::sort(stored.begin(), stored.end());
  EXPECT_THAT(ids_by_pages({}, 2), ElementsAreArray(stored));
  EXPECT_THAT(ids_by_pages(q("sertão"), 3), ElementsAreArray(stored));
  EXPECT_THAT(titles(q("órfão")), IsEmpty());
}

// A change that died between widening the row and narrowing it: the row matches both versions,
// the book only one; the list answers by the book.
TEST_F(IndexInStep, ARowThatSaysMoreThanItsBookNeverListsItWrongly) {
  const auto id = add("O Cortiço", {"Aluísio Azevedo"});
  auto wider = entry(id, "A Moreninha");
  wider.authors = {"joaquim manuel de macedo"};
  test_postgres().book_index().widen(wider);
  EXPECT_THAT(titles(q("moreninha")), IsEmpty());
  BookFilter by_author;
  by_author.author = "Joaquim Manuel de Macedo";
  EXPECT_THAT(titles(by_author), IsEmpty());
  EXPECT_THAT(titles(q("cortiço")), ElementsAre("O Cortiço"));
}

TEST_F(IndexInStep, ALateNarrowingDoesNotUndoANewerOne) {
  const auto id = add("Senhora");
  ASSERT_TRUE(patch(id, {{"title", "Lucíola"}}));
  const auto stored = *repo_.find(id);
  test_postgres().book_index().narrow(entry(id, "Senhora"), stored.updated_at - 1);
  EXPECT_THAT(titles(q("lucíola")), ElementsAre("Lucíola"));
  EXPECT_EQ(row(id, "search_text"), "lucíola");
}

// Books stored before the index (straight into MongoDB): until the back-fill ends, lists come
// from MongoDB and still find them; afterwards from the index, which has their rows.
TEST_F(IndexInStep, BooksStoredBeforeTheIndexAreBackFilled) {
  const auto first = test_store().books().create(new_book("Os Sertões", fence_)).id;
  const auto second = test_store().books().create(new_book("Canudos", fence_)).id;
  reset_book_index();
  IndexedBookRepository fresh(test_store().books(), test_postgres().book_index());
  BookFilter filter;
  filter.category = fence_;
  PageRequest page;
  page.limit = 100;
  EXPECT_EQ(fresh.list(filter, page).items.size(), 2u);  // from MongoDB
  EXPECT_GE(backfill_book_index(test_store().books(), test_postgres().book_index()), 2);
  EXPECT_TRUE(test_postgres().book_index().complete());
  EXPECT_EQ(row(first, "search_text"), "os sertões");
  EXPECT_EQ(row(second, "search_text"), "canudos");
  filter.q = "sertões";
  const auto found = fresh.list(filter, page).items;
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].id, first);
  // Once complete, a second run reads nothing.
  EXPECT_EQ(backfill_book_index(test_store().books(), test_postgres().book_index()), 0);
}

}  // namespace
}  // namespace ld::test
