// Every way a Google Books volume varies, mapped to a book S2 accepts.
#include <gtest/gtest.h>

#include <set>

#include "domain/books/book_input.hpp"
#include "s1/google_books/volume_mapping.hpp"

namespace ld::s1::google_books {
namespace {

using nlohmann::json;

json volume(const std::string& info, const std::string& sale = R"({"saleability": "NOT_FOR_SALE"})",
            const std::string& id = "zyTCAlFPjgYC") {
  return json::parse(R"({"kind": "books#volume", "id": ")" + id + R"(", "volumeInfo": )" + info +
                     R"(, "saleInfo": )" + sale + "}");
}

json mapped(const json& v, std::uint64_t seed = 7) {
  auto book = map_volume(v, seed);
  EXPECT_TRUE(book.has_value());
  if (!book) return json::object();
  EXPECT_NO_THROW(books::read_new_book(*book)) << book->dump();
  return *book;
}

const char* kFullInfo = R"({
  "title": "  Designing Data-Intensive Applications ", "subtitle": "The Big Ideas",
  "authors": ["Martin Kleppmann"], "publisher": "O'Reilly Media", "publishedDate": "2017-03-16",
  "description": "Replication, partitioning and streams.",
  "industryIdentifiers": [{"type": "ISBN_10", "identifier": "1449373321"},
                          {"type": "ISBN_13", "identifier": "978-1-4493-7332-0"}],
  "pageCount": 616, "categories": ["Computers"], "language": "en",
  "imageLinks": {"smallThumbnail": "http://books.google.com/s", "thumbnail": "http://books.google.com/t"},
  "readingModes": {"text": true, "image": false}})";

TEST(VolumeMapping, MapsEveryKnownField) {
  const auto v = volume(kFullInfo, R"({"saleability": "FOR_SALE",
      "listPrice": {"amount": 299.0, "currencyCode": "BRL"},
      "retailPrice": {"amount": 254.15, "currencyCode": "BRL"}})");
  const auto book = mapped(v);
  EXPECT_EQ(book["title"], "Designing Data-Intensive Applications");
  EXPECT_EQ(book["subtitle"], "The Big Ideas");
  EXPECT_EQ(book["authors"], json::array({"Martin Kleppmann"}));
  EXPECT_EQ(book["publisher"], "O'Reilly Media");
  EXPECT_EQ(book["published_date"], "2017-03-16");
  EXPECT_EQ(book["description"], "Replication, partitioning and streams.");
  EXPECT_EQ(book["isbn_13"], "9781449373320");
  EXPECT_EQ(book["isbn_10"], "1449373321");
  EXPECT_EQ(book["page_count"], 616);
  EXPECT_EQ(book["categories"], json::array({"Computers"}));
  EXPECT_EQ(book["language"], "en");
  EXPECT_EQ(book["thumbnail"], "http://books.google.com/t");
  EXPECT_EQ(book["price"], json({{"amount", "254.15"}, {"currency", "BRL"}}));
  EXPECT_EQ(book["google_volume_id"], "zyTCAlFPjgYC");
  EXPECT_EQ(book["volume_info"], v["volumeInfo"]);
}

TEST(VolumeMapping, VolumeWithoutIsbnHasNoIsbnFields) {
  const auto book = mapped(volume(R"({"title": "O Ateneu", "industryIdentifiers": []})"));
  EXPECT_FALSE(book.contains("isbn_13"));
  EXPECT_FALSE(book.contains("isbn_10"));
}

TEST(VolumeMapping, OnlyOtherIdentifiersAreIgnored) {
  const auto book = mapped(volume(R"({"title": "Os sertões",
      "industryIdentifiers": [{"type": "OTHER", "identifier": "UCAL:B3342617"}]})"));
  EXPECT_FALSE(book.contains("isbn_13"));
  EXPECT_FALSE(book.contains("isbn_10"));
}

TEST(VolumeMapping, OnlyIsbn10IsKeptNormalised) {
  const auto book = mapped(volume(R"({"title": "Vidas secas",
      "industryIdentifiers": [{"type": "ISBN_10", "identifier": "85-01-00245-3"}]})"));
  EXPECT_EQ(book["isbn_10"], "8501002453");
  EXPECT_FALSE(book.contains("isbn_13"));
}

TEST(VolumeMapping, IsbnWithABadCheckDigitIsLeftOut) {
  const auto book = mapped(volume(R"({"title": "Lavoura arcaica",
      "industryIdentifiers": [{"type": "ISBN_13", "identifier": "9788571640451"},
                              {"type": "ISBN_10", "identifier": "013937681X"}]})"));
  EXPECT_FALSE(book.contains("isbn_13"));
  EXPECT_EQ(book["isbn_10"], "013937681X");
}

TEST(VolumeMapping, VolumeWithoutAuthorsHasNoAuthors) {
  const auto book = mapped(volume(R"({"title": "Beowulf"})"));
  EXPECT_FALSE(book.contains("authors"));
}

TEST(VolumeMapping, KeepsSeveralAuthorsInOrderAndDropsBlankOnes) {
  const auto book = mapped(volume(R"({"title": "Brasil: uma biografia",
      "authors": ["Lilia Moritz Schwarcz", " ", 7, "Heloisa Murgel Starling"]})"));
  EXPECT_EQ(book["authors"], json::array({"Lilia Moritz Schwarcz", "Heloisa Murgel Starling"}));
}

TEST(VolumeMapping, VolumeWithoutTitleIsSkipped) {
  EXPECT_FALSE(map_volume(volume(R"({"authors": ["Anônimo"]})"), 1));
  EXPECT_FALSE(map_volume(volume(R"({"title": "   "})"), 1));
  EXPECT_FALSE(map_volume(volume(R"({"title": 42})"), 1));
  EXPECT_FALSE(map_volume(json::parse(R"({"id": "x"})"), 1));
  EXPECT_FALSE(map_volume(json::array(), 1));
}

TEST(VolumeMapping, OverlongTitleIsCutAtACharacter) {
  std::string title;
  for (int i = 0; i < 300; ++i) title += "çã";
  const auto book = mapped(volume(json{{"title", title}}.dump()));
  EXPECT_EQ(book["title"].get<std::string>().size(), 500u * 2);  // 500 two-byte characters
}

TEST(VolumeMapping, PublishedDateKeepsItsShape) {
  EXPECT_EQ(mapped(volume(R"({"title": "a", "publishedDate": "2004"})"))["published_date"], "2004");
  EXPECT_EQ(mapped(volume(R"({"title": "a", "publishedDate": "2004-05"})"))["published_date"],
            "2004-05");
  EXPECT_EQ(mapped(volume(R"({"title": "a", "publishedDate": "2004-05-12"})"))["published_date"],
            "2004-05-12");
}

TEST(VolumeMapping, TimestampGivesItsDatePart) {
  EXPECT_EQ(mapped(volume(
                R"({"title": "a", "publishedDate": "2008-06-12T00:00:00Z"})"))["published_date"],
            "2008-06-12");
  EXPECT_EQ(
      mapped(volume(
          R"({"title": "a", "publishedDate": "2019-03-01T12:30:00.000+08:00"})"))["published_date"],
      "2019-03-01");
}

TEST(VolumeMapping, UnreadableDateIsLeftOut) {
  for (const char* date : {"", "200?", "1887*", "2004-13-01", "2004-02-30T00:00:00Z"}) {
    const auto book = mapped(volume(json{{"title", "a"}, {"publishedDate", date}}.dump()));
    EXPECT_FALSE(book.contains("published_date")) << date;
  }
}

TEST(VolumeMapping, PageCountZeroIsKeptAndAbsentStaysAbsent) {
  EXPECT_EQ(mapped(volume(R"({"title": "a", "pageCount": 0})"))["page_count"], 0);
  EXPECT_FALSE(mapped(volume(R"({"title": "a"})")).contains("page_count"));
  EXPECT_FALSE(mapped(volume(R"({"title": "a", "pageCount": -3})")).contains("page_count"));
}

TEST(VolumeMapping, LanguageKeepsItsRegion) {
  EXPECT_EQ(mapped(volume(R"({"title": "红楼梦", "language": "zh-CN"})"))["language"], "zh-CN");
  EXPECT_EQ(mapped(volume(R"({"title": "a", "language": "pt-br"})"))["language"], "pt-BR");
  EXPECT_FALSE(mapped(volume(R"({"title": "a", "language": "português"})")).contains("language"));
}

TEST(VolumeMapping, ThumbnailMustBeAnHttpUrl) {
  const auto book = mapped(volume(R"({"title": "a", "imageLinks": {"thumbnail": "ftp://x/y"}})"));
  EXPECT_FALSE(book.contains("thumbnail"));
}

TEST(VolumeMapping, MicrosInExponentFormGiveExactCents) {
  const auto book = mapped(volume(R"({"title": "The Moonstone"})", R"({"saleability": "FOR_SALE",
      "retailPrice": {"amountInMicros": 3.99E7, "currencyCode": "BRL"}})"));
  EXPECT_EQ(book["price"], json({{"amount", "39.90"}, {"currency", "BRL"}}));
}

TEST(VolumeMapping, ListPriceWhenNoRetailPrice) {
  const auto book = mapped(volume(R"({"title": "a"})", R"({"saleability": "FOR_SALE",
      "listPrice": {"amount": 24.5, "currencyCode": "BRL"}})"));
  EXPECT_EQ(book["price"], json({{"amount", "24.50"}, {"currency", "BRL"}}));
}

TEST(VolumeMapping, UnpricedVolumeGetsADrawnPriceInReais) {
  const auto book = mapped(volume(R"({"title": "a"})"));
  const auto amount = book["price"]["amount"].get<std::string>();
  EXPECT_EQ(book["price"]["currency"], "BRL");
  EXPECT_TRUE(amount.ends_with(".90")) << amount;
  const double value = std::stod(amount);
  EXPECT_GE(value, 19.90);
  EXPECT_LE(value, 189.90);
}

TEST(VolumeMapping, StockIsDrawnAndSometimesUnlimited) {
  int unlimited = 0;
  for (int i = 0; i < 200; ++i) {
    const auto book = mapped(volume(R"({"title": "a"})", "{}", "id" + std::to_string(i)));
    if (!book.contains("stock")) {
      ++unlimited;
      continue;
    }
    EXPECT_GE(book["stock"], 10);
    EXPECT_LE(book["stock"], 200);
  }
  EXPECT_GT(unlimited, 10);
  EXPECT_LT(unlimited, 100);
}

TEST(VolumeMapping, SameSeedAndVolumeGiveTheSameBook) {
  const auto v = volume(kFullInfo);
  EXPECT_EQ(map_volume(v, 42), map_volume(v, 42));
  std::set<std::string> prices;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) prices.insert(map_volume(v, seed)->dump());
  EXPECT_GT(prices.size(), 5u);  // other seeds, other draws
}

TEST(VolumeMapping, VolumeInfoWithDollarOrDottedKeysIsNotKept) {
  const auto dollar = mapped(volume(R"({"title": "Mensagem", "$where": "1"})"));
  EXPECT_FALSE(dollar.contains("volume_info"));
  const auto dotted = mapped(volume(R"({"title": "Mensagem", "panel": {"a.b": 1}})"));
  EXPECT_FALSE(dotted.contains("volume_info"));
  EXPECT_EQ(dotted["title"], "Mensagem");
}

TEST(VolumeMapping, IdentityKeysMeetAcrossIsbn10And13) {
  const auto ten = mapped(volume(R"({"title": "a",
      "industryIdentifiers": [{"type": "ISBN_10", "identifier": "1449373321"}]})",
                                 "{}", "one"));
  const auto keys = identity_keys(ten);
  EXPECT_NE(std::find(keys.begin(), keys.end(), "isbn:9781449373320"), keys.end());
  EXPECT_NE(std::find(keys.begin(), keys.end(), "volume:one"), keys.end());
}

}  // namespace
}  // namespace ld::s1::google_books
