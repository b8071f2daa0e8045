// The books listed through an index (indexed_book_repository.hpp), against both stores in memory:
// the order of the writes, what a failure between them leaves, and lists that skip rows whose
// book is gone or says less, with full pages and exact cursors.
#include "domain/books/indexed_book_repository.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/ids.hpp"
#include "domain/books/book_filter.hpp"
#include "domain/books/book_input.hpp"
#include "domain/books/patch_book.hpp"
#include "fakes/domain/fake_book_index.hpp"
#include "fakes/domain/fake_stores.hpp"

namespace ld {
namespace {

using fakes::Fault;
using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

class IndexedBookRepositoryTest : public ::testing::Test {
 protected:
  IndexedBookRepositoryTest() { index.is_complete = true; }

  std::string add(const std::string& title, json authors = json::array()) {
    return repo.create(books::read_new_book({{"title", title}, {"authors", authors}})).id;
  }
  std::vector<std::string> titles(BookFilter filter = {}) {
    PageRequest page;
    page.limit = 100;
    std::vector<std::string> out;
    for (const auto& book : repo.list(filter, page).items) out.push_back(book.title());
    return out;
  }
  static BookFilter q(std::string text) {
    BookFilter f;
    f.q = std::move(text);
    return f;
  }
  std::vector<std::string> row_texts(const std::string& id) {
    return index.rows.at(id).entry.texts;
  }

  fakes::FakeStores s;
  fakes::FakeBookIndex index;
  IndexedBookRepository repo{s.books, index};
};

TEST_F(IndexedBookRepositoryTest, ANewBookGetsAnIdAndARowBeforeItIsStored) {
  s.shelf.faults.fail("create", Fault::unavailable);
  EXPECT_THROW(add("Quincas Borba"), StoreUnavailable);
  ASSERT_EQ(index.rows.size(), 1u);  // the row of a book that never landed
  const auto orphan = index.rows.begin()->first;
  EXPECT_TRUE(ids::parse_book_id(orphan));
  EXPECT_THAT(titles(q("quincas")), IsEmpty());
  const auto id = add("Quincas Borba");
  EXPECT_THAT(row_texts(id), ElementsAre("quincas borba"));
  EXPECT_THAT(titles(q("quincas")), ElementsAre("Quincas Borba"));
}

TEST_F(IndexedBookRepositoryTest, NoBookIsStoredWhenItsRowCannotBeWritten) {
  index.faults().fail("widen", Fault::unavailable);
  EXPECT_THROW(add("Helena"), StoreUnavailable);
  EXPECT_EQ(s.books.count(), 0);
}

TEST_F(IndexedBookRepositoryTest, AChangeWidensTheRowThenNarrowsItToTheStoredVersion) {
  const auto id = add("Helena", json{"Machado de Assis"});
  s.shelf.faults.before_next("update", [&] {
    EXPECT_THAT(row_texts(id), UnorderedElementsAre("helena", "iaiá garcia", "machado de assis"));
  });
  const auto stored = patch_book(repo, id, books::read_book_patch({{"title", "Iaiá Garcia"}}));
  ASSERT_TRUE(stored);
  EXPECT_THAT(row_texts(id), ElementsAre("iaiá garcia", "machado de assis"));
  EXPECT_EQ(index.rows.at(id).version, stored->updated_at);
}

TEST_F(IndexedBookRepositoryTest, AChangeThatDiesAfterWideningLeavesARowTheListsSeeThrough) {
  const auto id = add("Helena");
  s.shelf.faults.fail("update", Fault::unavailable);
  EXPECT_THROW(patch_book(repo, id, books::read_book_patch({{"title", "Iaiá Garcia"}})),
               StoreUnavailable);
  EXPECT_THAT(row_texts(id), UnorderedElementsAre("helena", "iaiá garcia"));
  EXPECT_THAT(titles(q("iaiá")), IsEmpty());
  EXPECT_THAT(titles(q("helena")), ElementsAre("Helena"));
}

TEST_F(IndexedBookRepositoryTest, AChangeOfNoListedFieldWritesNoRow) {
  const auto id = add("Helena");
  ASSERT_TRUE(patch_book(repo, id, books::read_book_patch({{"subtitle", "Romance"}})));
  EXPECT_EQ(index.faults().calls("widen"), 1);  // the create's
  EXPECT_EQ(index.faults().calls("narrow"), 0);
}

TEST_F(IndexedBookRepositoryTest, ARemovalTakesTheBookFirstThenTheRow) {
  const auto id = add("Helena");
  index.faults().fail("forget", Fault::unavailable);
  EXPECT_THROW(repo.remove(id), StoreUnavailable);
  EXPECT_FALSE(s.books.find(id));
  EXPECT_THAT(titles(), IsEmpty());  // the row left behind has no book
  EXPECT_FALSE(repo.remove(id));
  EXPECT_TRUE(index.rows.empty());
}

TEST_F(IndexedBookRepositoryTest, PagesStayFullAndCursorsExactPastRowsWithoutBooks) {
  std::vector<std::string> stored;
  for (int i = 0; i < 12; ++i) stored.push_back(add("Livro " + std::to_string(i)));
  // A row without a book after every stored one, and a stale wider row on every third book.
  for (std::size_t i = 0; i < stored.size(); ++i) {
    auto orphan = stored[i];
    orphan.back() = orphan.back() == 'f' ? 'e' : 'f';
    BookIndexEntry entry;
    entry.book_id = orphan;
    entry.texts = {"livro órfão"};
    index.widen(entry);
    if (i % 3 == 0) {
      entry.book_id = stored[i];
      index.widen(entry);
    }
  }
  std::sort(stored.begin(), stored.end());
  std::vector<std::string> seen;
  PageRequest page;
  page.limit = 5;
  for (;;) {
    const auto result = repo.list(q("livro"), page);
    for (const auto& book : result.items) seen.push_back(book.id);
    if (!result.next) break;
    EXPECT_EQ(result.items.size(), 5u);
    page.after = result.next;
  }
  EXPECT_THAT(seen, ElementsAreArray(stored));
  EXPECT_THAT(titles(q("órfão")), IsEmpty());
}

TEST_F(IndexedBookRepositoryTest, UntilTheIndexIsCompleteListsComeFromTheBookStore) {
  index.is_complete = false;
  s.add_book("Dom Casmurro");  // stored around the index: no row
  EXPECT_THAT(titles(q("casmurro")), ElementsAre("Dom Casmurro"));
  EXPECT_EQ(index.faults().calls("ids"), 0);
}

TEST_F(IndexedBookRepositoryTest, TheBackFillGivesOlderBooksRowsOnceAndMarksTheIndexComplete) {
  index.is_complete = false;
  const auto id = s.add_book("Dom Casmurro");
  EXPECT_EQ(backfill_book_index(s.books, index), 1);
  EXPECT_TRUE(index.is_complete);
  EXPECT_THAT(row_texts(id), ElementsAre("dom casmurro"));
  EXPECT_THAT(titles(q("casmurro")), ElementsAre("Dom Casmurro"));
  EXPECT_EQ(backfill_book_index(s.books, index), 0);
}

TEST_F(IndexedBookRepositoryTest, TheBackFillOnlyWidensSoAWriteMeanwhileIsNotUndone) {
  index.is_complete = false;
  const auto id = s.add_book("Dom Casmurro");
  // The back-fill read the old version; a change landed (and narrowed its row) before its row.
  index.narrow(index_entry_of(*s.books.find(id)), 1);
  BookIndexEntry newer;
  newer.book_id = id;
  newer.texts = {"memorial de aires"};
  index.narrow(newer, 2);
  backfill_book_index(s.books, index);
  EXPECT_THAT(row_texts(id), UnorderedElementsAre("memorial de aires", "dom casmurro"));
}

TEST_F(IndexedBookRepositoryTest, AStoppedBackFillDoesNotMarkTheIndexComplete) {
  index.is_complete = false;
  s.add_book("Dom Casmurro");
  std::stop_source stop;
  stop.request_stop();
  backfill_book_index(s.books, index, stop.get_token());
  EXPECT_FALSE(index.is_complete);
}

TEST(BookFilterMatch, ComparesFoldedValuesAsTheListFiltersDo) {
  Book book;
  book.fields = {{"title", "CORAÇÃO de Tinta"},
                 {"authors", {"Cornelia Funke"}},
                 {"categories", {"Fantasia"}},
                 {"language", "pt-BR"}};
  BookFilter f;
  f.q = "coração";
  EXPECT_TRUE(matches(book, f));
  f.q = "funke";
  EXPECT_TRUE(matches(book, f));
  f.q = "tinta\ncornelia";
  EXPECT_FALSE(matches(book, f));
  f.q = std::nullopt;
  f.author = "CORNELIA FUNKE";
  f.category = "fantasia";
  f.language = "pt-BR";
  EXPECT_TRUE(matches(book, f));
  f.language = "pt";
  EXPECT_FALSE(matches(book, f));
  f.language = std::nullopt;
  f.author = "Cornelia";
  EXPECT_FALSE(matches(book, f));
}

}  // namespace
}  // namespace ld
