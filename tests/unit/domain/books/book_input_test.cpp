// POST /books rules for the known fields: one test per rule, each bad case naming its field.
#include "domain/books/book_input.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/json_input.hpp"
#include "unit/domain/books/book_test_support.hpp"

namespace ld::books {

using nlohmann::json;
using test::valid_book;
using test::violation_fields;
using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

namespace {
std::vector<std::string> rejected(const json& body) {
  return violation_fields([&] { read_new_book(body); });
}
json with(const char* field, json value) {
  json body = valid_book();
  body[field] = std::move(value);
  return body;
}
}  // namespace

TEST(NewBook, AValidBookIsAccepted) {
  const Book book = read_new_book(valid_book());
  EXPECT_EQ(book.title(), "Dom Casmurro");
  EXPECT_EQ(book.fields["isbn_13"], "9788535902778");
  EXPECT_EQ(book.fields["price"], (json{{"amount", "39.90"}, {"currency", "BRL"}}));
  EXPECT_TRUE(book.id.empty());
}

TEST(NewBook, TitleIsRequired) {
  json body = valid_book();
  body.erase("title");
  EXPECT_THAT(rejected(body), ElementsAre("title"));
  EXPECT_THAT(rejected(with("title", nullptr)), ElementsAre("title"));
}

TEST(NewBook, TitleIsTrimmed) {
  EXPECT_EQ(read_new_book(with("title", "  Iracema \n")).title(), "Iracema");
}

TEST(NewBook, TitleEmptyAfterTrimmingIsRejected) {
  EXPECT_THAT(rejected(with("title", "   ")), ElementsAre("title"));
}

TEST(NewBook, TitleHasAtMost500Characters) {
  std::string title;
  for (int i = 0; i < 500; ++i) title += "ç";  // characters, not bytes, are counted
  EXPECT_NO_THROW(read_new_book(with("title", title)));
  EXPECT_THAT(rejected(with("title", title + "a")), ElementsAre("title"));
}

TEST(NewBook, TitleMustBeAString) {
  EXPECT_THAT(rejected(with("title", 42)), ElementsAre("title"));
}

TEST(NewBook, OptionalTextsMustBeStringsWithinTheirLimits) {
  EXPECT_THAT(rejected(with("subtitle", json::array())), ElementsAre("subtitle"));
  EXPECT_THAT(rejected(with("publisher", std::string(301, 'p'))), ElementsAre("publisher"));
  EXPECT_THAT(rejected(with("description", std::string(50'001, 'd'))), ElementsAre("description"));
  const Book book = read_new_book(with("publisher", " Companhia das Letras "));
  EXPECT_EQ(book.fields["publisher"], "Companhia das Letras");
}

TEST(NewBook, EmptyOptionalTextsAreLeftOut) {
  const Book book = read_new_book(with("subtitle", "  "));
  EXPECT_FALSE(book.fields.contains("subtitle"));
}

TEST(NewBook, NullKnownFieldsAreLeftOut) {
  const Book book = read_new_book(with("price", nullptr));
  EXPECT_FALSE(book.fields.contains("price"));
  EXPECT_FALSE(book.price());
}

TEST(NewBook, AuthorsMustBeAnArrayOfNonEmptyStrings) {
  EXPECT_THAT(rejected(with("authors", "Machado de Assis")), ElementsAre("authors"));
  EXPECT_THAT(rejected(with("authors", {"Machado", " ", 7})),
              ElementsAre("authors[1]", "authors[2]"));
}

TEST(NewBook, AuthorsMayBeEmptyAndAreTrimmed) {
  EXPECT_EQ(read_new_book(with("authors", json::array())).fields["authors"], json::array());
  EXPECT_EQ(read_new_book(with("authors", {" Clarice Lispector "})).fields["authors"],
            json({"Clarice Lispector"}));
}

TEST(NewBook, CategoriesMustBeAnArrayOfNonEmptyStrings) {
  EXPECT_THAT(rejected(with("categories", {""})), ElementsAre("categories[0]"));
  EXPECT_THAT(rejected(with("categories", json::object())), ElementsAre("categories"));
  EXPECT_EQ(read_new_book(with("categories", {"Fiction"})).fields["categories"], json({"Fiction"}));
}

TEST(NewBook, ListsHaveAtMost100Items) {
  EXPECT_THAT(rejected(with("authors", json(std::vector<std::string>(101, "A")))),
              ElementsAre("authors"));
}

TEST(NewBook, PublishedDateIsYearYearMonthOrARealDate) {
  for (const char* good : {"1899", "1899-03", "1899-03-15", "2024-02-29"}) {
    EXPECT_EQ(read_new_book(with("published_date", good)).fields["published_date"], good);
  }
  for (const char* bad :
       {"99", "1899-13", "1899-3", "2023-02-29", "1899/03/15", "1899-03-15T10:00:00Z"}) {
    EXPECT_THAT(rejected(with("published_date", bad)), ElementsAre("published_date")) << bad;
  }
  EXPECT_THAT(rejected(with("published_date", 1899)), ElementsAre("published_date"));
}

TEST(NewBook, Isbn10IsCheckedAndReturnedAsDigits) {
  EXPECT_EQ(read_new_book(with("isbn_10", "0-8044-2957-x")).fields["isbn_10"], "080442957X");
  EXPECT_THAT(rejected(with("isbn_10", "8535902776")), ElementsAre("isbn_10"));
  EXPECT_THAT(rejected(with("isbn_10", 8535902775)), ElementsAre("isbn_10"));
}

TEST(NewBook, Isbn13IsCheckedStartsWith978Or979AndIsReturnedAsDigits) {
  EXPECT_EQ(read_new_book(with("isbn_13", "978 85 359 0277 8")).fields["isbn_13"], "9788535902778");
  EXPECT_THAT(rejected(with("isbn_13", "9788535902779")), ElementsAre("isbn_13"));
  EXPECT_THAT(rejected(with("isbn_13", "9778535902779")), ElementsAre("isbn_13"));
  EXPECT_THAT(rejected(with("isbn_13", "")), ElementsAre("isbn_13"));
}

TEST(NewBook, PageCountIsAnIntegerFromZero) {
  EXPECT_EQ(read_new_book(with("page_count", 0)).fields["page_count"], 0);
  EXPECT_EQ(read_new_book(with("page_count", 256)).fields["page_count"], 256);
  for (const json& bad : {json(-1), json(12.5), json("12"), json(true)}) {
    EXPECT_THAT(rejected(with("page_count", bad)), ElementsAre("page_count")) << bad;
  }
}

TEST(NewBook, LanguageIsABcp47TagInCanonicalCase) {
  EXPECT_EQ(read_new_book(with("language", "pt-br")).fields["language"], "pt-BR");
  EXPECT_EQ(read_new_book(with("language", "zh-CN")).fields["language"], "zh-CN");
  EXPECT_THAT(rejected(with("language", "Portuguese")), ElementsAre("language"));
  EXPECT_THAT(rejected(with("language", "")), ElementsAre("language"));
}

TEST(NewBook, ThumbnailIsAnHttpOrHttpsUrl) {
  EXPECT_EQ(read_new_book(with("thumbnail", "https://example.com/c.jpg")).fields["thumbnail"],
            "https://example.com/c.jpg");
  EXPECT_THAT(rejected(with("thumbnail", "ftp://example.com/c.jpg")), ElementsAre("thumbnail"));
  EXPECT_THAT(rejected(with("thumbnail", "javascript:alert(1)")), ElementsAre("thumbnail"));
}

TEST(NewBook, PriceIsMoneyWithAmountAsTwoDecimalText) {
  const Book book = read_new_book(with("price", {{"amount", 39.9}, {"currency", "BRL"}}));
  EXPECT_EQ(book.fields["price"], (json{{"amount", "39.90"}, {"currency", "BRL"}}));
  EXPECT_EQ(book.price(), (Money{3990, "BRL"}));
}

TEST(NewBook, PriceRulesNameTheInnerField) {
  EXPECT_THAT(rejected(with("price", {{"amount", "39.900"}, {"currency", "BRL"}})),
              ElementsAre("price.amount"));
  EXPECT_THAT(rejected(with("price", {{"amount", -1}, {"currency", "BRL"}})),
              ElementsAre("price.amount"));
  EXPECT_THAT(rejected(with("price", {{"amount", "10.00"}})), ElementsAre("price.currency"));
  EXPECT_THAT(rejected(with("price", {{"amount", "10.00"}, {"currency", "REAL"}})),
              ElementsAre("price.currency"));
  EXPECT_THAT(rejected(with("price", "39.90")), ElementsAre("price"));
}

TEST(NewBook, APriceWrittenWithMoreThanTwoDecimalsIsRefusedAndOtherNumbersAreKept) {
  const std::string text = R"({"title": "Iracema", "rating": 4.125,)"
                           R"( "price": {"amount": 39.900, "currency": "BRL"}})";
  const auto body = json::parse(text);
  const auto long_numbers = json_input::numbers_with_more_than_two_decimals(text);
  EXPECT_THAT(violation_fields([&] { read_new_book(body, long_numbers); }),
              ElementsAre("price.amount"));
  EXPECT_THAT(violation_fields([&] { read_book_patch(body, long_numbers); }),
              ElementsAre("price.amount"));
  const std::string fine = R"({"title": "Iracema", "rating": 4.125,)"
                           R"( "price": {"amount": 39.90, "currency": "BRL"}})";
  const Book book =
      read_new_book(json::parse(fine), json_input::numbers_with_more_than_two_decimals(fine));
  EXPECT_EQ(book.price(), (Money{3990, "BRL"}));
  EXPECT_EQ(book.fields["rating"], 4.125);
}

TEST(NewBook, PriceIsOptionalAndItsAbsenceMeansNotForSale) {
  json body = valid_book();
  body.erase("price");
  EXPECT_FALSE(read_new_book(body).price());
}

TEST(NewBook, StockIsAnIntegerFromZeroAndItsAbsenceMeansUnlimited) {
  EXPECT_EQ(read_new_book(with("stock", 0)).stock(), 0);
  EXPECT_EQ(read_new_book(with("stock", 12)).stock(), 12);
  EXPECT_FALSE(read_new_book(valid_book()).stock());
  EXPECT_THAT(rejected(with("stock", -1)), ElementsAre("stock"));
  EXPECT_THAT(rejected(with("stock", 1.5)), ElementsAre("stock"));
}

TEST(NewBook, GoogleVolumeIdIsANonEmptyStringOfAtMost64Characters) {
  EXPECT_EQ(read_new_book(with("google_volume_id", "zyTCAlFPjgYC")).fields["google_volume_id"],
            "zyTCAlFPjgYC");
  EXPECT_THAT(rejected(with("google_volume_id", "")), ElementsAre("google_volume_id"));
  EXPECT_THAT(rejected(with("google_volume_id", std::string(65, 'v'))),
              ElementsAre("google_volume_id"));
  EXPECT_THAT(rejected(with("google_volume_id", 12)), ElementsAre("google_volume_id"));
}

TEST(NewBook, ServerFieldsCannotBeSet) {
  json body = valid_book();
  body["id"] = "65f000000000000000000000";
  body["created_at"] = "2026-01-01T00:00:00.000Z";
  body["updated_at"] = "2026-01-01T00:00:00.000Z";
  EXPECT_THAT(rejected(body), UnorderedElementsAre("id", "created_at", "updated_at"));
}

TEST(NewBook, EveryInvalidFieldIsListedAtOnce) {
  const json body = {{"title", ""},
                     {"isbn_13", "123"},
                     {"authors", {"ok", ""}},
                     {"price", {{"amount", "1.234"}, {"currency", "BRL"}}},
                     {"extra", {{"$bad", 1}}}};
  EXPECT_THAT(rejected(body),
              UnorderedElementsAre("title", "isbn_13", "authors[1]", "price.amount", "extra.$bad"));
}

TEST(NewBook, OtherFieldsAreKeptExactlyAsGiven) {
  const json extras = json::parse(R"({
    "volumeInfo": {"imageLinks": {"small": "http://x"}, "ratingsCount": 12, "averageRating": 4.5,
                   "maturityRating": "NOT_MATURE", "flags": [true, false, null]},
    "saleInfo": [{"country": "BR", "retail": {"amountInMicros": 39900000}}],
    "big": 9223372036854775807, "negative": -5, "whole_double": 2.0, "text": "ção \u00e9 ✓",
    "nothing": null, "empty": {}, "none": []
  })");
  json body = valid_book();
  body.update(extras);
  const Book book = read_new_book(body);
  for (const auto& [key, value] : extras.items()) {
    EXPECT_EQ(book.fields[key], value) << key;
    EXPECT_EQ(book.fields[key].type(), value.type()) << key;
  }
  EXPECT_TRUE(book.fields["whole_double"].is_number_float());
}

TEST(NewBook, ABookOver256KiBIsRejected) {
  json body = valid_book();
  body["blob"] = std::string(kMaxBookBytes, 'x');
  EXPECT_THAT(rejected(body), ElementsAre("body"));
}

TEST(NewBook, TheBodyMustBeAnObject) {
  EXPECT_THAT(rejected(json::array({valid_book()})), ElementsAre("body"));
}

}  // namespace ld::books
