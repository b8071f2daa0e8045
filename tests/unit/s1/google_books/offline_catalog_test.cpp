// The offline catalog that ships with the project: enough real, varied, valid books, read
// through the same mapping as live Google Books answers.
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "domain/books/book_input.hpp"
#include "domain/books/isbn.hpp"
#include "s1/google_books/book_source.hpp"
#include "s1/google_books/offline_catalog.hpp"
#include "s1/google_books/volume_mapping.hpp"

namespace ld::s1::google_books {
namespace {

using nlohmann::json;

const std::vector<json>& catalog() {
  static const auto volumes = load_catalog(default_catalog_dir());
  return volumes;
}

std::vector<std::pair<std::string, std::string>> identifiers(const json& volume) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& id : volume["volumeInfo"].value("industryIdentifiers", json::array())) {
    out.emplace_back(id["type"], id["identifier"]);
  }
  return out;
}

TEST(OfflineCatalog, HasAtLeastTwoHundredBooks) {
  EXPECT_GE(catalog().size(), 200u);
}

TEST(OfflineCatalog, VolumesHaveTheGoogleShapeAndUniqueIds) {
  const std::regex volume_id("[A-Za-z0-9_-]{12}");
  std::set<std::string> ids;
  for (const auto& v : catalog()) {
    EXPECT_EQ(v["kind"], "books#volume");
    const auto id = v["id"].get<std::string>();
    EXPECT_TRUE(std::regex_match(id, volume_id)) << id;
    EXPECT_TRUE(ids.insert(id).second) << "repeated volume id " << id;
    EXPECT_TRUE(v["volumeInfo"].is_object());
    EXPECT_TRUE(v["saleInfo"].is_object());
  }
}

TEST(OfflineCatalog, EveryIsbnIsValidAndUnique) {
  std::set<std::string> seen;
  std::size_t isbns = 0;
  for (const auto& v : catalog()) {
    for (const auto& [type, value] : identifiers(v)) {
      if (type == "ISBN_13") {
        EXPECT_EQ(books::normalize_isbn13(value), value) << v["volumeInfo"]["title"];
      } else if (type == "ISBN_10") {
        EXPECT_EQ(books::normalize_isbn10(value), value) << v["volumeInfo"]["title"];
      } else {
        continue;
      }
      ++isbns;
      EXPECT_TRUE(seen.insert(value).second) << "repeated ISBN " << value;
    }
  }
  EXPECT_GT(isbns, 200u);
}

TEST(OfflineCatalog, MapsWithoutLosingABookAndEveryBookPassesS2Validation) {
  std::set<std::string> keys;
  for (const auto& v : catalog()) {
    const auto book = map_volume(v, 1);
    ASSERT_TRUE(book) << v.dump();
    EXPECT_NO_THROW(books::read_new_book(*book)) << book->dump();
    EXPECT_TRUE(book->contains("volume_info"));
    for (const auto& key : identity_keys(*book)) {
      EXPECT_TRUE(keys.insert(key).second) << "two books share " << key;
    }
  }
}

TEST(OfflineCatalog, CoversTheWaysRealVolumesVary) {
  std::map<std::string, int> seen;
  for (const auto& v : catalog()) {
    const auto& info = v["volumeInfo"];
    const auto& sale = v["saleInfo"];
    const auto lang = info.value("language", std::string{});
    seen[lang.substr(0, 2)]++;
    if (lang.size() > 2) seen["language with region"]++;
    seen[sale.value("saleability", std::string{})]++;
    if (sale.contains("retailPrice") || sale.contains("listPrice")) seen["priced"]++;
    const auto ids = identifiers(v);
    if (std::none_of(ids.begin(), ids.end(), [](const auto& id) { return id.first != "OTHER"; })) {
      seen["no ISBN"]++;
    }
    if (ids.size() == 1 && ids[0].first == "ISBN_10") seen["ISBN-10 only"]++;
    if (!info.contains("authors")) seen["no authors"]++;
    if (info.contains("authors") && info["authors"].size() > 1) seen["several authors"]++;
    if (!info.contains("categories")) seen["no categories"]++;
    seen["date of length " + std::to_string(info["publishedDate"].get<std::string>().size())]++;
    if (!info.contains("pageCount")) seen["no page count"]++;
    if (info.value("pageCount", -1) == 0) seen["page count 0"]++;
    if (info.contains("imageLinks")) seen["thumbnail"]++;
  }
  for (const char* kind :
       {"pt", "en", "language with region", "FOR_SALE", "NOT_FOR_SALE", "priced", "no ISBN",
        "ISBN-10 only", "no authors", "several authors", "no categories", "date of length 4",
        "date of length 7", "date of length 10", "no page count", "page count 0", "thumbnail"}) {
    EXPECT_GT(seen[kind], 0) << kind;
  }
  EXPECT_GE(seen["pt"], 80);
  EXPECT_GE(seen["en"], 80);
}

BookSourceOptions offline(std::uint64_t seed) {
  BookSourceOptions options;
  options.mode = "offline";
  options.seed = seed;
  return options;
}

TEST(OfflineSource, GivesTheCountAskedForWithoutWarning) {
  const auto batch = fetch_books(40, offline(3), {});
  EXPECT_EQ(batch.books.size(), 40u);
  EXPECT_EQ(batch.source, "offline");
  EXPECT_EQ(batch.warning, "");
}

TEST(OfflineSource, SameSeedSameBooksOtherSeedOtherBooks) {
  const auto a = fetch_books(30, offline(11), {});
  const auto b = fetch_books(30, offline(11), {});
  const auto c = fetch_books(30, offline(12), {});
  EXPECT_EQ(a.books, b.books);
  EXPECT_NE(a.books, c.books);
}

TEST(OfflineSource, AskingForMoreThanTheCatalogHasSaysSo) {
  const auto batch = fetch_books(100000, offline(1), {});
  EXPECT_EQ(batch.books.size(), catalog().size());
  EXPECT_NE(batch.warning.find("only"), std::string::npos);
}

TEST(OfflineSource, LanguageRestrictionKeepsThatLanguage) {
  auto options = offline(5);
  options.lang_restrict = "pt";
  const auto batch = fetch_books(50, options, {});
  ASSERT_EQ(batch.books.size(), 50u);
  for (const auto& book : batch.books)
    EXPECT_TRUE(book["language"].get<std::string>().starts_with("pt"));
}

TEST(OfflineSource, MissingCatalogIsAClearError) {
  auto options = offline(1);
  options.catalog_dir = "/nonexistent/catalog";
  EXPECT_THROW(fetch_books(5, options, {}), std::runtime_error);
}

TEST(BookSource, UnknownModeIsRejected) {
  BookSourceOptions options;
  options.mode = "library";
  EXPECT_THROW(fetch_books(1, options, {}), std::invalid_argument);
}

}  // namespace
}  // namespace ld::s1::google_books
