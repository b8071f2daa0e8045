// A book as the API shows it, and the list cursor's position.
#include "domain/books/book_json.hpp"

#include <gtest/gtest.h>

#include "domain/books/book_input.hpp"
#include "unit/domain/books/book_test_support.hpp"

namespace ld {

using nlohmann::json;

TEST(BookJson, ShowsTheFieldsWithIdAndTimesInRfc3339Milliseconds) {
  Book book = books::read_new_book(test::valid_book());
  book.id = "65f0a1b2c3d4e5f6a7b8c9d0";
  book.created_at = 1'764'504'000'123;
  book.updated_at = 1'764'504'001'000;
  const json out = to_json(book);
  EXPECT_EQ(out["id"], "65f0a1b2c3d4e5f6a7b8c9d0");
  EXPECT_EQ(out["created_at"], "2025-11-30T12:00:00.123Z");
  EXPECT_EQ(out["updated_at"], "2025-11-30T12:00:01.000Z");
  EXPECT_EQ(out["title"], "Dom Casmurro");
  EXPECT_EQ(out["price"], (json{{"amount", "39.90"}, {"currency", "BRL"}}));
}

TEST(BookJson, OptionalFieldsNotSetAreLeftOut) {
  Book book = books::read_new_book({{"title", "Iracema"}});
  const json out = to_json(book);
  EXPECT_FALSE(out.contains("price"));
  EXPECT_FALSE(out.contains("stock"));
  EXPECT_FALSE(out.contains("authors"));
}

TEST(BookPosition, RoundTripsTheLastId) {
  Book book;
  book.id = "65f0a1b2c3d4e5f6a7b8c9d0";
  EXPECT_EQ(books::position_id(books::position_of(book)), book.id);
}

TEST(BookPosition, RejectsAnythingButABookId) {
  EXPECT_FALSE(books::position_id(json::object()));
  EXPECT_FALSE(books::position_id({{"id", 17}}));
  EXPECT_FALSE(books::position_id({{"id", "65f0"}}));
  EXPECT_FALSE(books::position_id({{"id", "65f0a1b2c3d4e5f6a7b8c9d0"}, {"x", 1}}));
  EXPECT_EQ(books::position_id({{"id", "65F0A1B2C3D4E5F6A7B8C9D0"}}), "65f0a1b2c3d4e5f6a7b8c9d0");
}

}  // namespace ld
