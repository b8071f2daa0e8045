// The fake Google Books server itself answers like Google: pages, limits, no items past the end.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "fakes/google_books/fake_google_books_process.hpp"
#include "net/http_client.hpp"

namespace ld::test {
namespace {

using nlohmann::json;

net::HttpResponse get(const FakeGoogleBooksProcess& fake, const std::string& target) {
  net::HttpClient client;
  return client.send({"GET", fake.base_url() + target, {}, {}, std::chrono::milliseconds(5000)});
}

TEST(FakeGoogleBooks, PagesHonourStartIndexAndMaxResults) {
  FakeGoogleBooksProcess fake;
  const auto first = json::parse(get(fake, "/volumes?q=subject%3Acomputers&maxResults=40").body);
  const auto second =
      json::parse(get(fake, "/volumes?q=subject%3Acomputers&startIndex=40&maxResults=40").body);
  ASSERT_EQ(first["items"].size(), 40u);
  ASSERT_EQ(second["items"].size(), 35u);
  EXPECT_NE(first["items"][0]["id"], second["items"][0]["id"]);
  const auto small = json::parse(get(fake, "/volumes?q=subject%3Acomputers&maxResults=5").body);
  EXPECT_EQ(small["items"].size(), 5u);
  EXPECT_EQ(small["items"][0], first["items"][0]);
}

TEST(FakeGoogleBooks, PastTheEndThereIsNoItemsKey) {
  FakeGoogleBooksProcess fake;
  const auto page = json::parse(get(fake, "/volumes?q=subject%3Acomputers&startIndex=400").body);
  EXPECT_EQ(page["kind"], "books#volumes");
  EXPECT_FALSE(page.contains("items"));
}

TEST(FakeGoogleBooks, MaxResultsAboveFortyIsRefused) {
  FakeGoogleBooksProcess fake;
  const auto r = get(fake, "/volumes?q=x&maxResults=41");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(json::parse(r.body)["error"]["status"], "INVALID_ARGUMENT");
}

TEST(FakeGoogleBooks, RequiredKeyIsChecked) {
  FakeGoogleBooksProcess fake({"--require-key", "k1"});
  EXPECT_EQ(get(fake, "/volumes?q=machado").status, 400);
  EXPECT_EQ(get(fake, "/volumes?q=machado&key=k1").status, 200);
}

TEST(FakeGoogleBooks, ScenarioFlagAppliesToEveryRequest) {
  FakeGoogleBooksProcess fake({"--scenario", "quota429"});
  const auto r = get(fake, "/volumes?q=machado");
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(json::parse(r.body)["error"]["errors"][0]["reason"], "rateLimitExceeded");
}

}  // namespace
}  // namespace ld::test
