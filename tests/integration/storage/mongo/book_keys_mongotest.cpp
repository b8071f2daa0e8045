// isbn_13, isbn_10 and google_volume_id are each unique when present: a taken value is a 409
// naming its field, and a failed write leaves no claim behind.
#include <atomic>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/books/book_input.hpp"
#include "integration/storage/mongo/mongo_test_support.hpp"

namespace ld::test {

using nlohmann::json;
using ::testing::UnorderedElementsAre;

namespace {

BookRepository& repo() {
  return test_store().books();
}

Book book_with(json fields) {
  fields["title"] = "Único";
  return books::read_new_book(fields);
}

// The fields a 409 names, or nothing when `work` does not throw one.
template <class Work>
std::vector<std::string> conflicting_fields(Work&& work) {
  try {
    work();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::conflict);
    std::vector<std::string> fields;
    for (const auto& f : e.fields()) fields.push_back(f.field);
    return fields;
  }
  ADD_FAILURE() << "expected a 409";
  return {};
}

}  // namespace

TEST(BookKeys, ATakenIsbn13IsAConflictNamingIt) {
  const auto isbn = unique_isbn13();
  repo().create(book_with({{"isbn_13", isbn}}));
  EXPECT_THAT(conflicting_fields([&] {
                repo().create(book_with({{"isbn_13", isbn}}));
              }),
              UnorderedElementsAre("isbn_13"));
}

TEST(BookKeys, ATakenIsbn10IsAConflictNamingIt) {
  const auto isbn = unique_isbn10();
  repo().create(book_with({{"isbn_10", isbn}}));
  EXPECT_THAT(conflicting_fields([&] {
                repo().create(book_with({{"isbn_10", isbn}}));
              }),
              UnorderedElementsAre("isbn_10"));
}

TEST(BookKeys, ATakenVolumeIdIsAConflictNamingIt) {
  const auto volume = unique_token();
  repo().create(book_with({{"google_volume_id", volume}}));
  EXPECT_THAT(conflicting_fields([&] {
                repo().create(book_with({{"google_volume_id", volume}}));
              }),
              UnorderedElementsAre("google_volume_id"));
}

TEST(BookKeys, EveryTakenFieldIsNamed) {
  const auto isbn13 = unique_isbn13();
  const auto isbn10 = unique_isbn10();
  repo().create(book_with({{"isbn_13", isbn13}, {"isbn_10", isbn10}}));
  EXPECT_THAT(conflicting_fields([&] {
                repo().create(book_with({{"isbn_13", isbn13}, {"isbn_10", isbn10}}));
              }),
              UnorderedElementsAre("isbn_13", "isbn_10"));
}

TEST(BookKeys, AConflictLeavesNoClaimBehind) {
  const auto isbn13 = unique_isbn13();
  repo().create(book_with({{"isbn_13", isbn13}}));
  const auto fresh10 = unique_isbn10();
  const auto fresh_volume = unique_token();
  conflicting_fields([&] {
    repo().create(
        book_with({{"isbn_10", fresh10}, {"isbn_13", isbn13}, {"google_volume_id", fresh_volume}}));
  });
  EXPECT_FALSE(raw_key("isbn10:" + fresh10));
  EXPECT_FALSE(raw_key("volume:" + fresh_volume));
  // And the values the failed book tried to claim are free for the next one.
  EXPECT_NO_THROW(
      repo().create(book_with({{"isbn_10", fresh10}, {"google_volume_id", fresh_volume}})));
}

TEST(BookKeys, IsbnsAreComparedNormalised) {
  const auto isbn = unique_isbn13();
  repo().create(book_with({{"isbn_13", isbn}}));
  const auto hyphenated = isbn.substr(0, 3) + "-" + isbn.substr(3, 5) + "-" + isbn.substr(8);
  EXPECT_THAT(conflicting_fields([&] {
                repo().create(book_with({{"isbn_13", hyphenated}}));
              }),
              UnorderedElementsAre("isbn_13"));
}

TEST(BookKeys, BooksWithoutTheseFieldsNeverConflict) {
  EXPECT_NO_THROW(repo().create(book_with(json::object())));
  EXPECT_NO_THROW(repo().create(book_with(json::object())));
}

TEST(BookKeys, AnUpdateMovesTheClaimToTheNewValue) {
  const auto old_isbn = unique_isbn13();
  const auto new_isbn = unique_isbn13();
  const Book read = repo().create(book_with({{"isbn_13", old_isbn}}));
  Book book = read;
  books::apply_book_patch(book, books::read_book_patch({{"isbn_13", new_isbn}}));
  ASSERT_TRUE(repo().update(read, book));
  EXPECT_FALSE(raw_key("isbn13:" + old_isbn));
  EXPECT_TRUE(raw_key("isbn13:" + new_isbn));
  EXPECT_NO_THROW(repo().create(book_with({{"isbn_13", old_isbn}})));
  EXPECT_THAT(conflicting_fields([&] {
                repo().create(book_with({{"isbn_13", new_isbn}}));
              }),
              UnorderedElementsAre("isbn_13"));
}

TEST(BookKeys, AnUpdateToATakenValueIsAConflictAndChangesNothing) {
  const auto taken = unique_isbn13();
  repo().create(book_with({{"isbn_13", taken}}));
  const auto mine = unique_isbn13();
  const auto fresh_volume = unique_token();
  const Book read = repo().create(book_with({{"isbn_13", mine}}));
  Book book = read;
  books::apply_book_patch(
      book, books::read_book_patch({{"isbn_13", taken}, {"google_volume_id", fresh_volume}}));
  EXPECT_THAT(conflicting_fields([&] { repo().update(read, book); }),
              UnorderedElementsAre("isbn_13"));
  EXPECT_EQ(repo().find(book.id)->fields["isbn_13"], mine);
  EXPECT_TRUE(raw_key("isbn13:" + mine));
  EXPECT_FALSE(raw_key("volume:" + fresh_volume));
}

TEST(BookKeys, KeepingOnesOwnValueIsNoConflict) {
  const auto isbn = unique_isbn13();
  const Book read = repo().create(book_with({{"isbn_13", isbn}}));
  Book book = read;
  books::apply_book_patch(book, books::read_book_patch({{"title", "Outro título"}}));
  EXPECT_TRUE(repo().update(read, book));
  EXPECT_TRUE(raw_key("isbn13:" + isbn));
}

TEST(BookKeys, RemovingABookFreesItsValues) {
  const auto isbn = unique_isbn13();
  const auto volume = unique_token();
  const Book book = repo().create(book_with({{"isbn_13", isbn}, {"google_volume_id", volume}}));
  ASSERT_TRUE(repo().remove(book.id));
  EXPECT_FALSE(raw_key("isbn13:" + isbn));
  EXPECT_FALSE(raw_key("volume:" + volume));
  EXPECT_NO_THROW(repo().create(book_with({{"isbn_13", isbn}, {"google_volume_id", volume}})));
}

TEST(BookKeys, AClaimLeftBehindByACrashIsTakenOverAfterTheGracePeriod) {
  const auto isbn = unique_isbn13();
  const auto two_hours_ago = clock::now_ms() - 2 * 3600 * 1000;
  ASSERT_TRUE(insert_raw_key("isbn13:" + isbn, "65f0a1b2c3d4e5f6a7b8c9d0", two_hours_ago));
  const Book book = repo().create(book_with({{"isbn_13", isbn}}));
  EXPECT_EQ(repo().find(book.id)->fields["isbn_13"], isbn);
}

TEST(BookKeys, AFreshClaimIsRespectedEvenBeforeItsBookIsWritten) {
  const auto isbn = unique_isbn13();
  ASSERT_TRUE(insert_raw_key("isbn13:" + isbn, "65f0a1b2c3d4e5f6a7b8c9d0", clock::now_ms()));
  EXPECT_THAT(conflicting_fields([&] {
                repo().create(book_with({{"isbn_13", isbn}}));
              }),
              UnorderedElementsAre("isbn_13"));
}

TEST(BookKeys, OfManyConcurrentCreatesWithOneIsbnExactlyOneWins) {
  const auto isbn = unique_isbn13();
  std::atomic<int> created{0};
  std::atomic<int> conflicts{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      try {
        repo().create(book_with({{"isbn_13", isbn}}));
        ++created;
      } catch (const Error& e) {
        if (e.kind() == ErrorKind::conflict) {
          ++conflicts;
        } else {
          ADD_FAILURE() << e.what();
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(created.load(), 1);
  EXPECT_EQ(conflicts.load(), 7);
}

}  // namespace ld::test
