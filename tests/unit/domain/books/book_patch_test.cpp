// PATCH /books/{id}: a JSON merge patch (RFC 7396) under the same rules as POST.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "domain/books/book_input.hpp"
#include "unit/domain/books/book_test_support.hpp"

namespace ld::books {

using nlohmann::json;
using test::valid_book;
using test::violation_fields;
using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

namespace {
Book stored_book() {
  json body = valid_book();
  body["subtitle"] = "Romance";
  body["volumeInfo"] = {{"ratingsCount", 3}, {"imageLinks", {{"small", "s"}, {"large", "l"}}}};
  Book book = read_new_book(body);
  book.id = "65f0a1b2c3d4e5f6a7b8c9d0";
  book.created_at = book.updated_at = 1'700'000'000'000;
  return book;
}
Book patched(const json& patch) {
  Book book = stored_book();
  apply_book_patch(book, read_book_patch(patch));
  return book;
}
std::vector<std::string> rejected(const json& patch) {
  return violation_fields([&] { read_book_patch(patch); });
}
}  // namespace

TEST(BookPatch, AnEmptyPatchChangesNothing) {
  Book book = stored_book();
  EXPECT_FALSE(apply_book_patch(book, read_book_patch(json::object())));
  EXPECT_EQ(book.fields, stored_book().fields);
}

TEST(BookPatch, APatchWithTheSameValuesChangesNothing) {
  Book book = stored_book();
  EXPECT_FALSE(apply_book_patch(book, read_book_patch({{"isbn_13", "978-85-359-0277-8"}})));
}

TEST(BookPatch, ReadOnlyFieldsAreRejected) {
  EXPECT_THAT(rejected({{"id", "x"}, {"created_at", "x"}, {"updated_at", nullptr}}),
              UnorderedElementsAre("id", "created_at", "updated_at"));
}

TEST(BookPatch, GivenKnownFieldsAreValidatedAndNormalised) {
  const Book book = patched({{"title", "  Memórias Póstumas  "}, {"isbn_10", "85-359-0277-5"}});
  EXPECT_EQ(book.title(), "Memórias Póstumas");
  EXPECT_EQ(book.fields["isbn_10"], "8535902775");
  EXPECT_EQ(book.fields["authors"], json({"Machado de Assis"}));  // untouched
}

TEST(BookPatch, InvalidValuesAreRejectedWithTheirPaths) {
  EXPECT_THAT(rejected({{"price", {{"amount", "1.999"}, {"currency", "BRL"}}},
                        {"authors", {"x", ""}},
                        {"stock", -2}}),
              UnorderedElementsAre("price.amount", "authors[1]", "stock"));
}

TEST(BookPatch, NullRemovesAField) {
  const Book book = patched({{"subtitle", nullptr}, {"price", nullptr}});
  EXPECT_FALSE(book.fields.contains("subtitle"));
  EXPECT_FALSE(book.price());
}

TEST(BookPatch, AnOptionalTextEmptiedIsRemoved) {
  EXPECT_FALSE(patched({{"subtitle", " "}}).fields.contains("subtitle"));
}

TEST(BookPatch, TitleCannotBeRemoved) {
  EXPECT_THAT(rejected({{"title", nullptr}}), ElementsAre("title"));
  EXPECT_THAT(rejected({{"title", ""}}), ElementsAre("title"));
}

TEST(BookPatch, ExtrasAreMergedAsRfc7396Says) {
  const Book book =
      patched({{"volumeInfo",
                {{"ratingsCount", nullptr}, {"imageLinks", {{"large", nullptr}, {"tiny", "t"}}}}},
               {"newField", {1, 2}}});
  EXPECT_EQ(book.fields["volumeInfo"], (json{{"imageLinks", {{"small", "s"}, {"tiny", "t"}}}}));
  EXPECT_EQ(book.fields["newField"], json({1, 2}));
}

TEST(BookPatch, AnArrayReplacesTheWholeList) {
  EXPECT_EQ(patched({{"authors", {"A", "B"}}}).fields["authors"], json({"A", "B"}));
}

TEST(BookPatch, FieldNameRulesApplyEvenToRemovals) {
  EXPECT_THAT(rejected({{"volumeInfo", {{"$bad", nullptr}}}}), ElementsAre("volumeInfo.$bad"));
  EXPECT_THAT(rejected({{"a.b", nullptr}}), ElementsAre("a.b"));
}

TEST(BookPatch, APatchThatWouldGrowTheBookBeyond256KiBIsRejected) {
  Book book = stored_book();
  const auto patch = read_book_patch({{"blob", std::string(kMaxBookBytes - 100, 'x')}});
  EXPECT_THAT(violation_fields([&] { apply_book_patch(book, patch); }), ElementsAre("body"));
  EXPECT_EQ(book.fields, stored_book().fields);
}

TEST(BookPatch, ThePatchMustBeAnObject) {
  EXPECT_THAT(rejected(json::array()), ElementsAre("body"));
}

}  // namespace ld::books
