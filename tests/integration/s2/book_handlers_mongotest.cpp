// The /books handlers on the real store, request in, response out: statuses, Location, and the
// 400s that must list every bad field.
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "integration/storage/mongo/mongo_test_support.hpp"
#include "s2/book_handlers.hpp"

namespace ld::test {

using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

namespace {

class BookHandlersTest : public ::testing::Test {
 protected:
  s2::BookHandlers handlers{test_store().books()};

  static http::Request request(const std::string& method, const std::string& id = {},
                               const std::string& body = {}) {
    http::Request r;
    r.method = method;
    r.path = id.empty() ? "/books" : "/books/" + id;
    r.route = id.empty() ? "/books" : "/books/{id}";
    if (!id.empty()) r.params["id"] = id;
    r.body = body;
    return r;
  }
  json create(const json& body) {
    auto r = request("POST", {}, body.dump());
    const auto response = handlers.create(r);
    EXPECT_EQ(response.status, 201);
    return json::parse(response.body);
  }
  // The kind and field paths of the ld::Error that `call` throws.
  template <class Call>
  std::pair<ErrorKind, std::vector<std::string>> error_of(Call&& call) {
    try {
      call();
    } catch (const Error& e) {
      std::vector<std::string> fields;
      for (const auto& f : e.fields()) fields.push_back(f.field);
      return {e.kind(), fields};
    }
    ADD_FAILURE() << "expected an error";
    return {ErrorKind::internal, {}};
  }
};

}  // namespace

TEST_F(BookHandlersTest, PostCreatesTheBookWith201AndLocation) {
  const auto isbn = unique_isbn13();
  auto r = request("POST", {}, json{{"title", " O Cortiço "}, {"isbn_13", isbn}}.dump());
  const auto response = handlers.create(r);
  EXPECT_EQ(response.status, 201);
  const json body = json::parse(response.body);
  EXPECT_EQ(body["title"], "O Cortiço");
  EXPECT_EQ(body["isbn_13"], isbn);
  EXPECT_EQ(response.header("Location"), "/books/" + body["id"].get<std::string>());
  EXPECT_TRUE(body.contains("created_at"));
}

TEST_F(BookHandlersTest, PostWithBadFieldsIs400ListingEachOne) {
  auto r = request("POST", {}, R"({"title": "", "isbn_10": "123", "x": {"$where": 1}})");
  const auto [kind, fields] = error_of([&] { handlers.create(r); });
  EXPECT_EQ(kind, ErrorKind::invalid);
  EXPECT_THAT(fields, UnorderedElementsAre("title", "isbn_10", "x.$where"));
}

TEST_F(BookHandlersTest, PostOfMalformedJsonIs400) {
  auto r = request("POST", {}, R"({"title": )");
  EXPECT_THAT(error_of([&] { handlers.create(r); }).second, ElementsAre("body"));
}

TEST_F(BookHandlersTest, PostOver256KiBIs400) {
  auto r =
      request("POST", {}, json{{"title", "Big"}, {"blob", std::string(256 * 1024, 'x')}}.dump());
  EXPECT_THAT(error_of([&] { handlers.create(r); }).second, ElementsAre("body"));
}

TEST_F(BookHandlersTest, PostDeeperThan32LevelsIs400) {
  std::string deep = "1";
  for (int i = 0; i < 32; ++i) deep = "{\"a\":" + deep + "}";
  auto r = request("POST", {}, "{\"title\": \"Fundo\", \"d\": " + deep + "}");
  EXPECT_EQ(error_of([&] { handlers.create(r); }).first, ErrorKind::invalid);
}

TEST_F(BookHandlersTest, PostOfATakenIsbnIs409NamingIt) {
  const auto isbn = unique_isbn13();
  create({{"title", "Primeiro"}, {"isbn_13", isbn}});
  auto r = request("POST", {}, json{{"title", "Segundo"}, {"isbn_13", isbn}}.dump());
  const auto [kind, fields] = error_of([&] { handlers.create(r); });
  EXPECT_EQ(kind, ErrorKind::conflict);
  EXPECT_THAT(fields, ElementsAre("isbn_13"));
}

TEST_F(BookHandlersTest, GetReturnsTheBookAndAcceptsUppercaseIds) {
  const auto created = create({{"title", "Macunaíma"}});
  const std::string id = created["id"];
  std::string upper = id;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  auto r = request("GET", upper);
  const auto response = handlers.get(r);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(json::parse(response.body)["id"], id);
}

TEST_F(BookHandlersTest, AMalformedIdIs400AndAnUnknownOneIs404) {
  for (const char* bad : {"abc", "65f0a1b2c3d4e5f6a7b8c9dz", "65f0a1b2c3d4e5f6a7b8c9d0a"}) {
    auto r = request("GET", bad);
    const auto [kind, fields] = error_of([&] { handlers.get(r); });
    EXPECT_EQ(kind, ErrorKind::invalid) << bad;
    EXPECT_THAT(fields, ElementsAre("id"));
  }
  auto r = request("GET", "65f0a1b2c3d4e5f6a7b8c9d0");
  EXPECT_EQ(error_of([&] { handlers.get(r); }).first, ErrorKind::not_found);
}

TEST_F(BookHandlersTest, PatchMergesAndReturns200) {
  const auto created = create({{"title", "Triste Fim"}, {"extra", {{"a", 1}, {"b", 2}}}});
  auto r = request("PATCH", created["id"],
                   R"({"subtitle": "de Policarpo Quaresma", "extra": {"a": null}})");
  const auto response = handlers.patch(r);
  EXPECT_EQ(response.status, 200);
  const json body = json::parse(response.body);
  EXPECT_EQ(body["subtitle"], "de Policarpo Quaresma");
  EXPECT_EQ(body["extra"], (json{{"b", 2}}));
  EXPECT_NE(body["updated_at"], created["updated_at"]);
}

TEST_F(BookHandlersTest, AnEmptyPatchIsANoOpReturning200) {
  const auto created = create({{"title", "Sagarana"}});
  auto r = request("PATCH", created["id"], "{}");
  const auto response = handlers.patch(r);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(json::parse(response.body), created);
}

TEST_F(BookHandlersTest, PatchOfReadOnlyFieldsIs400) {
  const auto created = create({{"title", "Sagarana"}});
  auto r = request("PATCH", created["id"], R"({"id": "x", "created_at": "y"})");
  EXPECT_THAT(error_of([&] { handlers.patch(r); }).second,
              UnorderedElementsAre("id", "created_at"));
}

TEST_F(BookHandlersTest, PatchListsABadIdAndBadFieldsTogether) {
  auto r = request("PATCH", "nope", R"({"stock": -1})");
  EXPECT_THAT(error_of([&] { handlers.patch(r); }).second, UnorderedElementsAre("id", "stock"));
}

TEST_F(BookHandlersTest, PatchOfAnUnknownBookIs404AfterTheBodyIsValid) {
  auto bad = request("PATCH", "65f0a1b2c3d4e5f6a7b8c9d0", R"({"stock": -1})");
  EXPECT_EQ(error_of([&] { handlers.patch(bad); }).first, ErrorKind::invalid);
  auto good = request("PATCH", "65f0a1b2c3d4e5f6a7b8c9d0", R"({"stock": 1})");
  EXPECT_EQ(error_of([&] { handlers.patch(good); }).first, ErrorKind::not_found);
}

TEST_F(BookHandlersTest, PatchToATakenVolumeIdIs409NamingIt) {
  const auto volume = unique_token();
  create({{"title", "Um"}, {"google_volume_id", volume}});
  const auto other = create({{"title", "Dois"}});
  auto r = request("PATCH", other["id"], json{{"google_volume_id", volume}}.dump());
  const auto [kind, fields] = error_of([&] { handlers.patch(r); });
  EXPECT_EQ(kind, ErrorKind::conflict);
  EXPECT_THAT(fields, ElementsAre("google_volume_id"));
}

TEST_F(BookHandlersTest, ConcurrentPatchesOfOneBookAreAllApplied) {
  const std::string id = create({{"title", "Concorrido"}})["id"];
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      try {
        auto r = request("PATCH", id, json{{"field" + std::to_string(i), i}}.dump());
        EXPECT_EQ(handlers.patch(r).status, 200);
      } catch (const std::exception& e) {
        ADD_FAILURE() << e.what();
      }
    });
  }
  for (auto& t : threads) t.join();
  auto r = request("GET", id);
  const json book = json::parse(handlers.get(r).body);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(book["field" + std::to_string(i)], i) << book.dump();
}

TEST_F(BookHandlersTest, DeleteIs204ThenTheBookIsGone) {
  const auto created = create({{"title", "Eu"}});
  auto r = request("DELETE", created["id"]);
  EXPECT_EQ(handlers.remove(r).status, 204);
  auto again = request("DELETE", created["id"]);
  EXPECT_EQ(error_of([&] { handlers.remove(again); }).first, ErrorKind::not_found);
  auto bad = request("DELETE", "xyz");
  EXPECT_THAT(error_of([&] { handlers.remove(bad); }).second, ElementsAre("id"));
}

TEST_F(BookHandlersTest, ListFiltersAndPagesWithOpaqueCursors) {
  const auto fence = unique_token();
  for (int i = 0; i < 3; ++i)
    create({{"title", "Lista " + std::to_string(i)}, {"categories", {fence}}});
  auto r = request("GET");
  r.query = {{"category", fence}, {"limit", "2"}};
  json page = json::parse(handlers.list(r).body);
  ASSERT_EQ(page["items"].size(), 2u);
  ASSERT_TRUE(page["next_cursor"].is_string());
  r.query["cursor"] = page["next_cursor"];
  page = json::parse(handlers.list(r).body);
  ASSERT_EQ(page["items"].size(), 1u);
  EXPECT_EQ(page["items"][0]["title"], "Lista 2");
  EXPECT_TRUE(page["next_cursor"].is_null());
}

TEST_F(BookHandlersTest, ListLanguageIsComparedInCanonicalCase) {
  const auto fence = unique_token();
  create({{"title", "Br"}, {"categories", {fence}}, {"language", "pt-BR"}});
  auto r = request("GET");
  r.query = {{"category", fence}, {"language", "PT-br"}};
  EXPECT_EQ(json::parse(handlers.list(r).body)["items"].size(), 1u);
}

TEST_F(BookHandlersTest, ListRejectsBadParametersAllAtOnce) {
  auto r = request("GET");
  r.query = {{"language", "not a tag"}, {"limit", "0"}, {"q", std::string("a\0b", 3)}};
  EXPECT_THAT(error_of([&] { handlers.list(r); }).second,
              UnorderedElementsAre("language", "limit", "q"));
}

TEST_F(BookHandlersTest, ListRejectsACursorThatIsNotABookPosition) {
  auto r = request("GET");
  r.query = {{"cursor", "eyJpZCI6MTd9"}};  // {"id":17}
  EXPECT_THAT(error_of([&] { handlers.list(r); }).second, ElementsAre("cursor"));
  r.query = {{"cursor", "!!!"}};
  EXPECT_THAT(error_of([&] { handlers.list(r); }).second, ElementsAre("cursor"));
}

}  // namespace ld::test
