// /books end to end: the real s2 binary over HTTP against the local stores. Every row of the
// books table in the API contract, the bad inputs a document store must refuse, and what lands
// in MongoDB. The server is shared with other tests, so each run uses its own ISBNs, volume ids
// and categories instead of emptying collections.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/digest.hpp"
#include "core/ids.hpp"
#include "net/http_client.hpp"
#include "storage/mongo/book_lookup.hpp"
#include "storage/mongo/bson_json.hpp"
#include "storage/mongo/mongo_pool.hpp"
#include "storage/redis/redis_connection.hpp"
#include "storage/redis/redis_url.hpp"
#include "support/api_client.hpp"
#include "support/s2_process.hpp"
#include "support/test_env.hpp"

namespace ld::test {
namespace {

using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

std::mt19937_64& rng() {
  static std::mt19937_64 engine{std::random_device{}()};
  return engine;
}

std::string token() {
  return fmt::format("e{:016x}", rng()());
}

std::string unique_isbn13() {
  const std::string digits = fmt::format("979{:09}", rng()() % 1'000'000'000);
  int sum = 0;
  for (std::size_t i = 0; i < 12; ++i) sum += (digits[i] - '0') * (i % 2 == 0 ? 1 : 3);
  return digits + std::to_string((10 - sum % 10) % 10);
}

std::string unique_isbn10() {
  for (;;) {
    const std::string digits = fmt::format("{:09}", rng()() % 1'000'000'000);
    int sum = 0;
    for (std::size_t i = 0; i < 9; ++i) sum += (digits[i] - '0') * static_cast<int>(10 - i);
    const int check = (11 - sum % 11) % 11;
    if (check != 10) return digits + std::to_string(check);
  }
}

std::string hyphenated13(const std::string& d) {
  return d.substr(0, 3) + "-" + d.substr(3, 2) + "-" + d.substr(5, 3) + "-" + d.substr(8, 4) + "-" +
         d.substr(12);
}

// {"a": {"a": ... 1 ...}} with `levels` objects.
std::string nested(int levels) {
  std::string text = "1";
  for (int i = 0; i < levels; ++i) text = "{\"a\":" + text + "}";
  return text;
}

class BooksApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = std::make_unique<S2Process>(); }
  static void TearDownTestSuite() { server_.reset(); }

  Answer send(const std::string& method, const std::string& path, const std::string& body = "",
              const std::string& content_type = "application/json") {
    return send_request(client_, method, server_->base_url() + path, body, {}, content_type);
  }
  Answer post(const json& body) { return send("POST", "/books", body.dump()); }
  Answer post_text(const std::string& body) { return send("POST", "/books", body); }
  Answer patch(const std::string& id, const json& body) {
    return send("PATCH", "/books/" + id, body.dump(), "application/merge-patch+json");
  }
  Answer get(const std::string& path) { return send("GET", path); }

  json new_book(json fields = json::object()) {
    if (!fields.contains("title")) fields["title"] = "Livro " + token();
    const auto a = post(fields);
    EXPECT_EQ(a.status, 201) << a.raw.body;
    return a.body;
  }

  // The book's document straight from MongoDB, with each field's BSON type.
  static std::optional<json> stored(const std::string& id,
                                    std::map<std::string, bson_type_t>* types = nullptr) {
    static mongo::MongoPool pool(mongo_url(), 2, std::chrono::milliseconds(3000), metrics_);
    auto client = pool.acquire();
    auto books = client.collection(mongo_db(), "books");
    mongo::Bson filter = mongo::id_filter(*mongo::parse_oid(id));
    mongo::Cursor cursor(
        mongoc_collection_find_with_opts(books.get(), filter.get(), nullptr, nullptr));
    const bson_t* doc = nullptr;
    if (!mongoc_cursor_next(cursor.get(), &doc)) return std::nullopt;
    if (types) {
      for (const char* path : {"_id", "title", "isbn_13", "page_count", "stock",
                               "price.amount_cents", "price.currency", "created_at", "updated_at",
                               "extra.volumeInfo.ratingsCount", "extra.volumeInfo.averageRating"}) {
        bson_iter_t iter;
        bson_iter_t found;
        if (bson_iter_init(&iter, doc) && bson_iter_find_descendant(&iter, path, &found)) {
          (*types)[path] = bson_iter_type(&found);
        }
      }
    }
    return mongo::document_to_json(doc);
  }

  static inline Metrics metrics_;
  static std::unique_ptr<S2Process> server_;
  net::HttpClient client_;
};

std::unique_ptr<S2Process> BooksApi::server_;

// ---- POST /books

TEST_F(BooksApi, PostCreatesTheBookWith201AndLocationAndStoresItInMongoDb) {
  const auto isbn = unique_isbn13();
  const auto volume = token();
  const auto a = post({{"title", "  Grande Sertão: Veredas  "},
                       {"authors", {"João Guimarães Rosa"}},
                       {"isbn_13", hyphenated13(isbn)},
                       {"page_count", 608},
                       {"language", "pt-br"},
                       {"price", {{"amount", 89.9}, {"currency", "BRL"}}},
                       {"stock", 4},
                       {"google_volume_id", volume},
                       {"volumeInfo", {{"ratingsCount", 12}, {"averageRating", 4.5}}}});
  ASSERT_EQ(a.status, 201) << a.raw.body;
  const std::string id = a.body.at("id");
  EXPECT_EQ(id.size(), 24u);
  EXPECT_EQ(a.header("Location"), "/books/" + id);
  EXPECT_EQ(a.body["title"], "Grande Sertão: Veredas");
  EXPECT_EQ(a.body["isbn_13"], isbn);
  EXPECT_EQ(a.body["language"], "pt-BR");
  EXPECT_EQ(a.body["price"], (json{{"amount", "89.90"}, {"currency", "BRL"}}));
  EXPECT_EQ(a.body["volumeInfo"], (json{{"ratingsCount", 12}, {"averageRating", 4.5}}));
  EXPECT_EQ(a.body.at("created_at").get<std::string>().size(), 24u);
  EXPECT_NE(a.header("Server-Timing").find("mongo;dur="), std::string::npos);

  std::map<std::string, bson_type_t> types;
  const auto doc = stored(id, &types);
  ASSERT_TRUE(doc);
  EXPECT_EQ(types["_id"], BSON_TYPE_OID);
  EXPECT_EQ(types["isbn_13"], BSON_TYPE_UTF8);
  EXPECT_EQ(types["page_count"], BSON_TYPE_INT64);
  EXPECT_EQ(types["stock"], BSON_TYPE_INT64);
  EXPECT_EQ(types["price.amount_cents"], BSON_TYPE_INT64);
  EXPECT_EQ(types["created_at"], BSON_TYPE_DATE_TIME);
  EXPECT_EQ(types["extra.volumeInfo.ratingsCount"], BSON_TYPE_INT64);
  EXPECT_EQ(types["extra.volumeInfo.averageRating"], BSON_TYPE_DOUBLE);
  EXPECT_EQ((*doc)["price"], (json{{"amount_cents", 8990}, {"currency", "BRL"}}));
  EXPECT_EQ((*doc)["google_volume_id"], volume);
  EXPECT_FALSE(doc->contains("volumeInfo"));  // extras live under "extra"
}

TEST_F(BooksApi, PostKeepsEveryOtherFieldExactlyAsGiven) {
  const json extras = json::parse(R"({
    "saleInfo": {"country": "BR", "listPrice": {"amount": 39.9, "currencyCode": "BRL"}},
    "industryIdentifiers": [{"type": "ISBN_10", "identifier": "X"}, {"type": "OTHER"}],
    "big": 9223372036854775807, "ratio": 0.1, "whole": 3.0, "flag": false, "none": null,
    "text": "ação ✓ 🙂 \"q\" \\"
  })");
  json body = {{"title", "Extras"}};
  body.update(extras);
  const auto created = post(body);
  ASSERT_EQ(created.status, 201) << created.raw.body;
  const auto read = get("/books/" + created.body["id"].get<std::string>());
  ASSERT_EQ(read.status, 200);
  for (const auto& [key, value] : extras.items()) {
    EXPECT_EQ(read.body[key].dump(), value.dump()) << key;
  }
}

TEST_F(BooksApi, PostWithInvalidFieldsGets400ListingEveryOne) {
  const auto a = post({{"title", " "},
                       {"authors", {"ok", ""}},
                       {"published_date", "2023-02-30"},
                       {"page_count", -1},
                       {"language", "portuguese"},
                       {"thumbnail", "ftp://x/y.png"},
                       {"price", {{"amount", "39.900"}, {"currency", "BRL"}}},
                       {"stock", 1.5},
                       {"isbn_10", "8535902776"}});
  ASSERT_EQ(a.status, 400) << a.raw.body;
  EXPECT_EQ(a.header("Content-Type").rfind("application/problem+json", 0), 0u);
  EXPECT_THAT(fields_of(a),
              UnorderedElementsAre("title", "authors[1]", "published_date", "page_count",
                                   "language", "thumbnail", "price.amount", "stock", "isbn_10"));
}

TEST_F(BooksApi, APriceWrittenAsTheNumber39Point900Gets400LikeTheString) {
  // The JSON number 39.900 has the value 39.9, but the contract counts decimals as written.
  const auto a =
      post_text(R"({"title": "Iracema", "price": {"amount": 39.900, "currency": "BRL"}})");
  ASSERT_EQ(a.status, 400) << a.raw.body;
  EXPECT_THAT(fields_of(a), ElementsAre("price.amount"));
  const auto created =
      post_text(R"({"title": "Iracema", "price": {"amount": 39.90, "currency": "BRL"},)"
                R"( "averageRating": 4.125})");
  ASSERT_EQ(created.status, 201) << created.raw.body;
  EXPECT_EQ(created.body["price"]["amount"], "39.90");
  EXPECT_EQ(created.body["averageRating"], 4.125);  // only the price's amount has the rule
  const auto id = created.body["id"].get<std::string>();
  const auto patched =
      send("PATCH", "/books/" + id, R"({"price": {"amount": 1e-3, "currency": "BRL"}})",
           "application/merge-patch+json");
  ASSERT_EQ(patched.status, 400) << patched.raw.body;
  EXPECT_THAT(fields_of(patched), ElementsAre("price.amount"));
  EXPECT_EQ(get("/books/" + id).body["price"]["amount"], "39.90");
}

TEST_F(BooksApi, PostWithAnInvalidIsbnGets400) {
  EXPECT_THAT(fields_of(post({{"title", "T"}, {"isbn_13", "978-0-00-000000-1"}})),
              ElementsAre("isbn_13"));
  EXPECT_THAT(fields_of(post({{"title", "T"}, {"isbn_13", "9770000000001"}})),
              ElementsAre("isbn_13"));
  EXPECT_THAT(fields_of(post({{"title", "T"}, {"isbn_10", "123456789Y"}})), ElementsAre("isbn_10"));
}

TEST_F(BooksApi, FieldNamesStartingWithDollarGet400AtAnyDepth) {
  const auto top = post_text(R"({"title": "T", "$where": "1"})");
  EXPECT_EQ(top.status, 400);
  EXPECT_THAT(fields_of(top), ElementsAre("$where"));
  const auto deep = post_text(R"({"title": "T", "extra": {"ok": {"$gt": ""}}})");
  EXPECT_THAT(fields_of(deep), ElementsAre("extra.ok.$gt"));
  const auto in_array = post_text(R"({"title": "T", "list": [1, {"$set": 1}]})");
  EXPECT_THAT(fields_of(in_array), ElementsAre("list[1].$set"));
}

TEST_F(BooksApi, FieldNamesContainingADotGet400AtAnyDepth) {
  EXPECT_THAT(fields_of(post_text(R"({"title": "T", "a.b": 1})")), ElementsAre("a.b"));
  EXPECT_THAT(fields_of(post_text(R"({"title": "T", "x": [{"c.d": 1}]})")),
              ElementsAre("x[0].c.d"));
}

TEST_F(BooksApi, NulCharactersGet400InValuesAndNames) {
  EXPECT_EQ(post_text(R"({"title": "Dom\u0000Casmurro"})").status, 400);
  EXPECT_EQ(post_text(R"({"title": "T", "x\u0000y": 1})").status, 400);
  EXPECT_EQ(post_text(R"({"title": "T", "e": {"n": ["a\u0000"]}})").status, 400);
}

TEST_F(BooksApi, NestingDeeperThan32LevelsGets400) {
  EXPECT_EQ(post_text("{\"title\": \"T\", \"d\": " + nested(31) + "}").status, 201);
  EXPECT_EQ(post_text("{\"title\": \"T\", \"d\": " + nested(32) + "}").status, 400);
}

TEST_F(BooksApi, ABodyOver256KiBGets400) {
  const std::string filler(256 * 1024, 'x');
  const auto a = post({{"title", "Grande"}, {"blob", filler}});
  EXPECT_EQ(a.status, 400);
  EXPECT_THAT(fields_of(a), ElementsAre("body"));
}

TEST_F(BooksApi, ANonObjectBodyGets400) {
  EXPECT_EQ(post_text("[1, 2]").status, 400);
}

TEST_F(BooksApi, ATakenIsbn13Isbn10OrVolumeIdGets409NamingIt) {
  const auto isbn13 = unique_isbn13();
  const auto isbn10 = unique_isbn10();
  const auto volume = token();
  new_book({{"isbn_13", isbn13}, {"isbn_10", isbn10}, {"google_volume_id", volume}});
  const auto a = post({{"title", "Cópia"}, {"isbn_13", hyphenated13(isbn13)}});
  EXPECT_EQ(a.status, 409);
  EXPECT_THAT(fields_of(a), ElementsAre("isbn_13"));
  EXPECT_THAT(fields_of(post({{"title", "Cópia"}, {"isbn_10", isbn10}})), ElementsAre("isbn_10"));
  EXPECT_THAT(fields_of(post({{"title", "Cópia"}, {"google_volume_id", volume}})),
              ElementsAre("google_volume_id"));
}

// ---- GET /books

TEST_F(BooksApi, ListFiltersByQAuthorCategoryAndLanguageAndPages) {
  const auto fence = token();
  new_book({{"title", "Memórias Póstumas de Brás Cubas"},
            {"authors", {"Machado de Assis"}},
            {"categories", {fence}},
            {"language", "pt-BR"}});
  new_book({{"title", "Quincas Borba"},
            {"authors", {"MACHADO DE ASSIS"}},
            {"categories", {fence}},
            {"language", "pt-BR"}});
  new_book({{"title", "Iracema (.*)"},
            {"authors", {"José de Alencar"}},
            {"categories", {fence}},
            {"language", "pt"}});
  const auto base = "/books?category=" + fence;
  auto titles = [&](const std::string& query) {
    const auto a = get(base + query);
    EXPECT_EQ(a.status, 200) << a.raw.body;
    std::vector<std::string> out;
    for (const auto& b : a.body["items"]) out.push_back(b["title"]);
    return out;
  };
  EXPECT_THAT(titles("&q=BR%C3%81S"), ElementsAre("Memórias Póstumas de Brás Cubas"));  // BRÁS
  EXPECT_THAT(titles("&q=alencar"), ElementsAre("Iracema (.*)"));
  EXPECT_THAT(titles("&q=.*"), ElementsAre("Iracema (.*)"));
  EXPECT_THAT(titles("&q=a.a"), ElementsAre());
  EXPECT_THAT(titles("&author=machado%20de%20assis"),
              ElementsAre("Memórias Póstumas de Brás Cubas", "Quincas Borba"));
  EXPECT_THAT(titles("&language=pt"), ElementsAre("Iracema (.*)"));
  EXPECT_THAT(titles("&language=pt-BR&q=quincas"), ElementsAre("Quincas Borba"));

  const auto first = get(base + "&limit=2");
  ASSERT_EQ(first.body["items"].size(), 2u);
  ASSERT_TRUE(first.body["next_cursor"].is_string());
  const auto second = get(base + "&limit=2&cursor=" + first.body["next_cursor"].get<std::string>());
  ASSERT_EQ(second.status, 200);
  ASSERT_EQ(second.body["items"].size(), 1u);
  EXPECT_TRUE(second.body["next_cursor"].is_null());
}

TEST_F(BooksApi, ListWithBadParametersGets400) {
  EXPECT_THAT(fields_of(get("/books?limit=0")), ElementsAre("limit"));
  EXPECT_THAT(fields_of(get("/books?limit=101")), ElementsAre("limit"));
  EXPECT_THAT(fields_of(get("/books?cursor=Z2FyYmFnZQ")), ElementsAre("cursor"));    // "garbage"
  EXPECT_THAT(fields_of(get("/books?cursor=eyJpZCI6MTd9")), ElementsAre("cursor"));  // {"id":17}
  EXPECT_THAT(fields_of(get("/books?language=xx_YY")), ElementsAre("language"));
  // Limits count the value as sent, as the document's maxLength does: blank but too long is 400.
  EXPECT_THAT(fields_of(get("/books?language=" + std::string(36, '+'))), ElementsAre("language"));
  EXPECT_THAT(fields_of(get("/books?q=" + std::string(201, '+'))), ElementsAre("q"));
  EXPECT_EQ(get("/books?language=+pt+").status, 200);
}

// ---- GET /books/{id}

TEST_F(BooksApi, GetReturnsTheBookByIdInEitherCase) {
  const auto book = new_book();
  std::string id = book["id"];
  EXPECT_EQ(get("/books/" + id).body, book);
  for (auto& c : id) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(get("/books/" + id).body["id"], book["id"]);
}

TEST_F(BooksApi, GetOfAMalformedIdIs400AndOfAnUnknownOne404) {
  const auto bad = get("/books/123");
  EXPECT_EQ(bad.status, 400);
  EXPECT_THAT(fields_of(bad), ElementsAre("id"));
  EXPECT_EQ(get("/books/ffffffffffffffffffffffff").status, 404);
}

// ---- PATCH /books/{id}

TEST_F(BooksApi, PatchMergesTheChangesAndReturns200) {
  const auto book = new_book({{"subtitle", "Sub"}, {"volumeInfo", {{"a", 1}, {"b", 2}}}});
  const std::string id = book["id"];
  const auto a = patch(id, {{"subtitle", nullptr}, {"stock", 3}, {"volumeInfo", {{"a", nullptr}}}});
  ASSERT_EQ(a.status, 200) << a.raw.body;
  EXPECT_FALSE(a.body.contains("subtitle"));
  EXPECT_EQ(a.body["stock"], 3);
  EXPECT_EQ(a.body["volumeInfo"], (json{{"b", 2}}));
  EXPECT_EQ(a.body["created_at"], book["created_at"]);
  EXPECT_NE(a.body["updated_at"], book["updated_at"]);
  EXPECT_EQ((*stored(id))["stock"], 3);
}

TEST_F(BooksApi, PatchAlsoTakesPlainJson) {
  const std::string id = new_book()["id"];
  EXPECT_EQ(send("PATCH", "/books/" + id, R"({"page_count": 10})").status, 200);
}

TEST_F(BooksApi, AnEmptyPatchChangesNothing) {
  const auto book = new_book();
  const auto a = patch(book["id"], json::object());
  EXPECT_EQ(a.status, 200);
  EXPECT_EQ(a.body, book);
}

TEST_F(BooksApi, PatchOfReadOnlyOrInvalidFieldsGets400) {
  const std::string id = new_book()["id"];
  EXPECT_THAT(fields_of(patch(id, {{"id", "x"}, {"created_at", "y"}, {"updated_at", "z"}})),
              UnorderedElementsAre("id", "created_at", "updated_at"));
  EXPECT_THAT(fields_of(patch(id, {{"title", nullptr}, {"isbn_13", "1"}})),
              UnorderedElementsAre("title", "isbn_13"));
  EXPECT_THAT(fields_of(patch(id, {{"x", {{"$inc", 1}}}})), ElementsAre("x.$inc"));
}

TEST_F(BooksApi, PatchOfAnUnknownBookIs404AndOfAMalformedId400) {
  EXPECT_EQ(patch("ffffffffffffffffffffffff", {{"stock", 1}}).status, 404);
  EXPECT_EQ(patch("nope", {{"stock", 1}}).status, 400);
}

TEST_F(BooksApi, PatchToATakenIsbnGets409) {
  const auto isbn = unique_isbn13();
  new_book({{"isbn_13", isbn}});
  const std::string id = new_book()["id"];
  const auto a = patch(id, {{"isbn_13", isbn}});
  EXPECT_EQ(a.status, 409);
  EXPECT_THAT(fields_of(a), ElementsAre("isbn_13"));
}

// ---- Idempotency-Key across a crash

// A book without ISBN or volume id has nothing unique about it but its id: an S2 that died after
// storing it and before saving the key's answer must not let the retry store a second copy.
TEST_F(BooksApi, ARetryAfterACrashFindsTheBookItsFirstAttemptStored) {
  const json body = {{"title", "Sem ISBN " + token()}};
  const std::string key = "book-" + token();
  const std::string record = "{ld}:idempotency:POST /books " + key;
  // A promise of its own: the book's id comes from it, and earlier runs' books stay stored.
  const std::string promised =
      fmt::format("0190c3e2-7a1b-7000-8000-{:012x}", rng()() & 0xFFFF'FFFF'FFFFULL);
  redis::RedisConnection redis(redis::parse_url(redis_url()), std::chrono::milliseconds(2000));
  // The key's first attempt was promised an id and died; its lock ran out.
  const auto running = [&] {
    redis.command({"HSET", record, "state", "running", "fingerprint",
                   digest::sha256_hex(body.dump()), "locked_until", "0", "promised_id", promised});
  };
  running();
  const net::Headers headers = {{"Idempotency-Key", key}};
  const auto first =
      send_request(client_, "POST", server_->base_url() + "/books", body.dump(), headers);
  ASSERT_EQ(first.status, 201) << first.raw.body;
  EXPECT_EQ(first.body["id"], ids::book_id_from_promise(promised));
  // This attempt stored the book, then "died" before its answer was saved.
  running();
  const auto again =
      send_request(client_, "POST", server_->base_url() + "/books", body.dump(), headers);
  ASSERT_EQ(again.status, 201) << again.raw.body;
  EXPECT_EQ(again.body["id"], first.body["id"]);
  EXPECT_EQ(again.body["created_at"], first.body["created_at"]);
  const auto found = get("/books?q=" + body["title"].get<std::string>().substr(9));
  EXPECT_EQ(found.body["items"].size(), 1u) << found.raw.body;
  redis.command({"DEL", record});
}

// ---- DELETE /books/{id}

TEST_F(BooksApi, DeleteIs204ThenTheBookIsGoneFromMongoDb) {
  const auto isbn = unique_isbn13();
  const std::string id = new_book({{"isbn_13", isbn}})["id"];
  const auto a = send("DELETE", "/books/" + id);
  EXPECT_EQ(a.status, 204);
  EXPECT_TRUE(a.raw.body.empty());
  EXPECT_EQ(get("/books/" + id).status, 404);
  EXPECT_FALSE(stored(id));
  EXPECT_EQ(send("DELETE", "/books/" + id).status, 404);
  EXPECT_EQ(send("DELETE", "/books/zz").status, 400);
  EXPECT_EQ(post({{"title", "Reuso"}, {"isbn_13", isbn}}).status, 201);  // its ISBN is free again
}

}  // namespace
}  // namespace ld::test
