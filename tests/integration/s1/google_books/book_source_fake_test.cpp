// The Google Books client over real HTTP against the fake Google Books server: paging,
// de-duplication, retries, fallback to the offline catalog, and a key that never shows.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <set>

#include "domain/books/book_input.hpp"
#include "fakes/google_books/fake_google_books_process.hpp"
#include "s1/google_books/book_source.hpp"
#include "support/s2_process.hpp"

namespace ld::s1::google_books {
namespace {

using nlohmann::json;
using test::FakeGoogleBooksProcess;

struct Recorder {
  std::vector<GoogleExchange> exchanges;
  GoogleObserver observer() {
    return [this](const GoogleExchange& e) { exchanges.push_back(e); };
  }
};

BookSourceOptions options_for(const std::string& base_url, std::vector<std::string> queries,
                              const std::string& mode = "google") {
  ::unsetenv("GOOGLE_BOOKS_API_KEY");  // a developer's real key must not reach the fake
  BookSourceOptions options;
  options.mode = mode;
  options.base_url = base_url;
  options.queries = std::move(queries);
  options.backoff_base = std::chrono::milliseconds(10);
  options.timeout = std::chrono::milliseconds(5000);
  options.seed = 2;
  return options;
}

std::size_t count_containing(const std::vector<std::string>& targets, const std::string& part) {
  return static_cast<std::size_t>(std::count_if(targets.begin(), targets.end(), [&](const auto& t) {
    return t.find(part) != std::string::npos;
  }));
}

std::set<std::string> volume_ids(const std::vector<json>& books) {
  std::set<std::string> ids;
  for (const auto& b : books) ids.insert(b.value("google_volume_id", std::string{}));
  return ids;
}

TEST(GoogleSource, PagesUntilEnoughDistinctBooks) {
  FakeGoogleBooksProcess fake;
  const auto batch = fetch_books(60, options_for(fake.base_url(), {"subject:computers"}), {});
  EXPECT_EQ(batch.source, "google");
  EXPECT_EQ(batch.warning, "");
  ASSERT_EQ(batch.books.size(), 60u);
  EXPECT_EQ(volume_ids(batch.books).size(), 60u);
  const auto targets = fake.requests();
  ASSERT_EQ(targets.size(), 2u);
  EXPECT_NE(targets[0].find("startIndex=0&maxResults=40"), std::string::npos) << targets[0];
  EXPECT_NE(targets[1].find("startIndex=40&maxResults=40"), std::string::npos) << targets[1];
}

TEST(GoogleSource, AShortPageEndsTheSearchWhateverTotalItemsSays) {
  FakeGoogleBooksProcess fake;  // totalItems is inflated on purpose
  const auto batch = fetch_books(500, options_for(fake.base_url(), {"subject:computers"}), {});
  EXPECT_EQ(batch.books.size(), 75u);
  EXPECT_NE(batch.warning.find("only 75"), std::string::npos) << batch.warning;
  EXPECT_EQ(fake.requests().size(), 2u);
}

TEST(GoogleSource, RotatesThroughQueriesOnePageEach) {
  FakeGoogleBooksProcess fake;
  auto options = options_for(fake.base_url(), {"machado de assis", "subject:computers"});
  options.seed = 2;  // starts with the first query
  const auto batch = fetch_books(20, options, {});
  ASSERT_EQ(batch.books.size(), 20u);
  const auto targets = fake.requests();
  ASSERT_EQ(targets.size(), 2u);
  EXPECT_NE(targets[0].find("q=machado%20de%20assis"), std::string::npos) << targets[0];
  EXPECT_NE(targets[1].find("q=subject%3Acomputers"), std::string::npos) << targets[1];
  EXPECT_EQ(batch.books[0]["authors"][0], "Machado de Assis");
}

TEST(GoogleSource, RepeatedVolumesAndIsbnsAreTakenOnce) {
  FakeGoogleBooksProcess fake;
  const auto batch =
      fetch_books(1000, options_for(fake.base_url(), {"scenario:dupes subject:computers"}), {});
  EXPECT_EQ(batch.books.size(), 75u);
  EXPECT_EQ(volume_ids(batch.books).size(), 75u);
  std::set<std::string> isbns;
  for (const auto& book : batch.books) {
    EXPECT_FALSE(book["google_volume_id"].get<std::string>().ends_with("_dup"));
    if (book.contains("isbn_13")) {
      EXPECT_TRUE(isbns.insert(book["isbn_13"]).second);
    }
  }
}

TEST(GoogleSource, EveryVolumeVariantIsMappedOrSkippedAsItShouldBe) {
  FakeGoogleBooksProcess fake;
  const auto batch = fetch_books(100, options_for(fake.base_url(), {"scenario:variants"}), {});
  std::map<std::string, json> by_id;
  for (const auto& book : batch.books) {
    EXPECT_NO_THROW(books::read_new_book(book)) << book.dump();
    by_id[book["google_volume_id"]] = book;
  }
  EXPECT_EQ(by_id.size(), 10u);
  EXPECT_FALSE(by_id.contains("vNoTitle0001"));
  EXPECT_FALSE(by_id.contains("vBlankTitle1"));
  EXPECT_FALSE(by_id.contains("vSameIsbn001"));  // same ISBN as vRetail00001
  EXPECT_EQ(by_id["vRetail00001"]["price"]["amount"], "39.90");
  EXPECT_EQ(by_id["vListOnly001"]["price"]["amount"], "24.50");
  EXPECT_EQ(by_id["vListOnly001"]["published_date"], "2006-05");
  EXPECT_EQ(by_id["vMicrosExp01"]["price"]["amount"], "39.90");
  EXPECT_EQ(by_id["vMicrosExp01"]["published_date"], "2008-06-12");
  EXPECT_EQ(by_id["vMicrosExp01"]["page_count"], 0);
  EXPECT_EQ(by_id["vRegionZh001"]["language"], "zh-CN");
  EXPECT_EQ(by_id["vRegionZh001"]["published_date"], "2019-03-01");
  EXPECT_FALSE(by_id["vNoAuthors01"].contains("authors"));
  EXPECT_EQ(by_id["vNoAuthors01"]["isbn_10"], "0140440755");
  EXPECT_EQ(by_id["vIsbn10Only1"]["isbn_10"], "8501002453");
  EXPECT_FALSE(by_id["vIsbn10Only1"].contains("isbn_13"));
  EXPECT_FALSE(by_id["vOtherIds001"].contains("isbn_13"));
  EXPECT_FALSE(by_id["vOtherIds001"].contains("isbn_10"));
  EXPECT_FALSE(by_id["vNoIsbn00001"].contains("isbn_13"));
  EXPECT_EQ(by_id["vNoIsbn00001"]["page_count"], 270);
  EXPECT_FALSE(by_id["vNoIsbn00001"].contains("price") && by_id["vNoIsbn00001"]["price"].is_null());
  EXPECT_FALSE(by_id["vBadIsbn0001"].contains("isbn_13"));
  EXPECT_FALSE(by_id["vOddKeys0001"].contains("volume_info"));
  EXPECT_TRUE(by_id["vRetail00001"].contains("volume_info"));
  EXPECT_EQ(by_id["vRetail00001"]["thumbnail"],
            "http://books.google.com/books/content?id=vRetail00001&printsec=frontcover&img=1"
            "&zoom=1");
}

TEST(GoogleSource, SameSeedAndSameAnswersGiveTheSameBooks) {
  FakeGoogleBooksProcess fake;
  const auto options = options_for(fake.base_url(), {"subject:fiction", "subject:poetry"});
  EXPECT_EQ(fetch_books(50, options, {}).books, fetch_books(50, options, {}).books);
}

TEST(GoogleSource, LanguageRestrictionIsSentToGoogle) {
  FakeGoogleBooksProcess fake;
  auto options = options_for(fake.base_url(), {"subject:fiction"});
  options.lang_restrict = "pt";
  const auto batch = fetch_books(30, options, {});
  ASSERT_EQ(batch.books.size(), 30u);
  for (const auto& b : batch.books) EXPECT_TRUE(b["language"].get<std::string>().starts_with("pt"));
  EXPECT_EQ(count_containing(fake.requests(), "&langRestrict=pt"), 1u);
}

TEST(GoogleSource, ServerErrorsAreRetriedThenTheAnswerIsUsed) {
  FakeGoogleBooksProcess fake;  // two 503s per page, then the page
  Recorder recorder;
  const auto batch = fetch_books(
      5, options_for(fake.base_url(), {"scenario:flaky machado de assis"}), recorder.observer());
  EXPECT_EQ(batch.source, "google");
  EXPECT_EQ(batch.books.size(), 5u);
  ASSERT_EQ(recorder.exchanges.size(), 3u);
  EXPECT_EQ(recorder.exchanges[0].status, 503);
  EXPECT_EQ(recorder.exchanges[1].status, 503);
  EXPECT_EQ(recorder.exchanges[2].status, 200);
  EXPECT_EQ(recorder.exchanges[2].attempt, 3);
  EXPECT_NE(recorder.exchanges[0].response_body.find("backendError"), std::string::npos);
}

TEST(GoogleSource, RetryAfterIsHonoured) {
  FakeGoogleBooksProcess fake;  // one 503 with Retry-After: 1
  Recorder recorder;
  const auto start = std::chrono::steady_clock::now();
  fetch_books(3, options_for(fake.base_url(), {"scenario:retryafter machado de assis"}),
              recorder.observer());
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_GE(waited, std::chrono::milliseconds(950));
  ASSERT_EQ(recorder.exchanges.size(), 2u);
  const auto& headers = recorder.exchanges[0].response_headers;
  EXPECT_TRUE(std::any_of(headers.begin(), headers.end(),
                          [](const auto& h) { return h.first == "Retry-After"; }));
}

TEST(GoogleSource, QuotaInAutoModeFallsBackToTheCatalogWithOneWarning) {
  FakeGoogleBooksProcess fake({"--scenario", "quota429"});
  Recorder recorder;
  const auto batch = fetch_books(10, options_for(fake.base_url(), {"subject:fiction"}, "auto"),
                                 recorder.observer());
  EXPECT_EQ(batch.source, "offline");
  EXPECT_EQ(batch.books.size(), 10u);
  EXPECT_NE(batch.warning.find("quota exhausted"), std::string::npos) << batch.warning;
  EXPECT_NE(batch.warning.find("offline catalog"), std::string::npos) << batch.warning;
  EXPECT_EQ(recorder.exchanges.size(), 4u);  // the first try and three retries
  for (const auto& e : recorder.exchanges) EXPECT_EQ(e.status, 429);
}

TEST(GoogleSource, QuotaInGoogleModeIsAnError) {
  FakeGoogleBooksProcess fake({"--scenario", "quota403"});
  try {
    fetch_books(10, options_for(fake.base_url(), {"subject:fiction"}), {});
    FAIL() << "expected GoogleBooksError";
  } catch (const GoogleBooksError& e) {
    EXPECT_EQ(e.answer(), Answer::quota);
    EXPECT_NE(std::string(e.what()).find("rateLimitExceeded"), std::string::npos) << e.what();
  }
  EXPECT_EQ(fake.requests().size(), 4u);
}

TEST(GoogleSource, InvalidKeyGivesUpAtOnce) {
  FakeGoogleBooksProcess fake({"--scenario", "invalidkey"});
  Recorder recorder;
  auto options = options_for(fake.base_url(), {"subject:fiction"});
  try {
    fetch_books(10, options, recorder.observer());
    FAIL() << "expected GoogleBooksError";
  } catch (const GoogleBooksError& e) {
    EXPECT_EQ(e.answer(), Answer::invalid_key);
  }
  EXPECT_EQ(recorder.exchanges.size(), 1u);
  options.mode = "auto";
  const auto batch = fetch_books(10, options, {});
  EXPECT_EQ(batch.source, "offline");
  EXPECT_NE(batch.warning.find("invalid API key"), std::string::npos) << batch.warning;
}

TEST(GoogleSource, ForbiddenGivesUpAtOnce) {
  FakeGoogleBooksProcess fake({"--scenario", "forbidden"});
  Recorder recorder;
  EXPECT_THROW(fetch_books(10, options_for(fake.base_url(), {"x"}), recorder.observer()),
               GoogleBooksError);
  EXPECT_EQ(recorder.exchanges.size(), 1u);
}

TEST(GoogleSource, NoHitsMeansNoBooks) {
  FakeGoogleBooksProcess fake;
  EXPECT_THROW(fetch_books(10, options_for(fake.base_url(), {"scenario:empty"}), {}),
               GoogleBooksError);
  const auto batch = fetch_books(10, options_for(fake.base_url(), {"scenario:empty"}, "auto"), {});
  EXPECT_EQ(batch.source, "offline");
  EXPECT_EQ(batch.books.size(), 10u);
  EXPECT_NE(batch.warning.find("no books"), std::string::npos) << batch.warning;
  EXPECT_EQ(fake.requests().size(), 2u);  // one page each time: no items ends the query
}

TEST(GoogleSource, UnreachableInAutoModeFallsBack) {
  Recorder recorder;
  const auto url = "http://127.0.0.1:" + std::to_string(test::free_port());
  const auto batch =
      fetch_books(5, options_for(url, {"subject:fiction"}, "auto"), recorder.observer());
  EXPECT_EQ(batch.source, "offline");
  EXPECT_NE(batch.warning.find("unreachable"), std::string::npos) << batch.warning;
  ASSERT_EQ(recorder.exchanges.size(), 4u);
  EXPECT_EQ(recorder.exchanges[0].status, 0);
  EXPECT_FALSE(recorder.exchanges[0].error.empty());
}

bool shows(const GoogleExchange& e, const std::string& secret) {
  if (e.url_masked.find(secret) != std::string::npos) return true;
  if (e.response_body.find(secret) != std::string::npos) return true;
  if (e.error.find(secret) != std::string::npos) return true;
  return std::any_of(e.response_headers.begin(), e.response_headers.end(),
                     [&](const auto& h) { return h.second.find(secret) != std::string::npos; });
}

TEST(GoogleSource, TheKeyIsSentButNeverShown) {
  const std::string secret = "AIzaTestSecret123";
  FakeGoogleBooksProcess fake({"--require-key", secret});
  Recorder recorder;
  auto options = options_for(fake.base_url(), {"subject:computers"});
  options.api_key = secret;
  const auto batch = fetch_books(50, options, recorder.observer());
  EXPECT_EQ(batch.books.size(), 50u);
  EXPECT_EQ(count_containing(fake.requests(), "&key=" + secret), 2u);
  ASSERT_EQ(recorder.exchanges.size(), 2u);
  for (const auto& e : recorder.exchanges) {
    EXPECT_FALSE(shows(e, secret));
    EXPECT_NE(e.url_masked.find("&key=***"), std::string::npos) << e.url_masked;
  }
  for (const auto& book : batch.books) EXPECT_EQ(book.dump().find(secret), std::string::npos);
}

TEST(GoogleSource, AWrongKeyNeverShowsInErrorsOrWarnings) {
  FakeGoogleBooksProcess fake({"--require-key", "the-right-one"});
  Recorder recorder;
  const std::string secret = "AIzaWrongSecret456";
  auto options = options_for(fake.base_url(), {"subject:computers"});
  options.api_key = secret;
  try {
    fetch_books(5, options, recorder.observer());
    FAIL() << "expected GoogleBooksError";
  } catch (const GoogleBooksError& e) {
    EXPECT_EQ(std::string(e.what()).find(secret), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("key=***"), std::string::npos) << e.what();
  }
  options.mode = "auto";
  const auto batch = fetch_books(5, options, recorder.observer());
  EXPECT_EQ(batch.warning.find(secret), std::string::npos) << batch.warning;
  for (const auto& e : recorder.exchanges) EXPECT_FALSE(shows(e, secret));
}

TEST(GoogleSource, KeyComesFromTheEnvironmentWhenNotGiven) {
  FakeGoogleBooksProcess fake({"--require-key", "env-key-789"});
  auto options = options_for(fake.base_url(), {"machado de assis"});
  ::setenv("GOOGLE_BOOKS_API_KEY", "env-key-789", 1);
  const auto batch = fetch_books(3, options, {});
  ::unsetenv("GOOGLE_BOOKS_API_KEY");
  EXPECT_EQ(batch.source, "google");
  EXPECT_EQ(batch.books.size(), 3u);
}

}  // namespace
}  // namespace ld::s1::google_books
