// The read-only admin endpoints of the real s2 ("where is it stored"): each record exactly as
// its store holds it, only with the API token, never changing a store, never showing a secret.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "net/http_client.hpp"
#include "support/api_client.hpp"
#include "support/s2_process.hpp"
#include "support/test_env.hpp"

namespace ld::test {
namespace {

using nlohmann::json;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kToken = "console-admin-test-token";

std::string unique(const std::string& what) {
  static const std::string run = fmt::format(
      "{}-{}", ::getpid(), std::chrono::steady_clock::now().time_since_epoch().count() % 1000000);
  static int n = 0;
  return fmt::format("{}-{}-{}", what, run, ++n);
}

// A valid CPF (check digits computed) that differs per call, so runs never collide.
std::string new_cpf() {
  static long counter =
      std::chrono::steady_clock::now().time_since_epoch().count() % 900000000 + 100000000;
  std::string digits = std::to_string(counter++).substr(0, 9);
  for (int round = 0; round < 2; ++round) {
    int sum = 0;
    const int n = static_cast<int>(digits.size());
    for (int i = 0; i < n; ++i) sum += (digits[static_cast<std::size_t>(i)] - '0') * (n + 1 - i);
    const int check = (sum * 10) % 11 % 10;
    digits += static_cast<char>('0' + check);
  }
  return digits;
}

class AdminEndpoints : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = std::make_unique<S2Process>(S2Process::Env{{"S2_API_TOKEN", kToken}});
  }
  static void TearDownTestSuite() { server_.reset(); }

  // /stats once its counts are settled. A store that counts slower than /stats waits gives its
  // latest count, which the count then in flight refreshes: two answers may differ with nothing
  // written in between. Settled: three answers a quarter of a second apart agree.
  json settled_stats() {
    std::vector<json> answers;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
      answers.push_back(send("GET", "/stats").body);
      const auto n = answers.size();
      if (n >= 3 && answers[n - 1] == answers[n - 2] && answers[n - 2] == answers[n - 3]) {
        return answers.back();
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
    ADD_FAILURE() << "/stats did not settle within 10 s";
    return answers.back();
  }

  Answer send(const std::string& method, const std::string& path, const std::string& body = "",
              net::Headers headers = {}) {
    return send_request(client_, method, server_->base_url() + path, body, std::move(headers));
  }
  net::Headers bearer(const std::string& token = kToken) {
    return {{"Authorization", "Bearer " + token}};
  }
  Answer admin(const std::string& path) { return send("GET", path, "", bearer()); }
  Answer write(const std::string& method, const std::string& path, const json& body,
               net::Headers extra = {}) {
    auto headers = bearer();
    for (auto& h : extra) headers.push_back(std::move(h));
    return send(method, path, body.dump(), headers);
  }

  json new_customer() {
    const auto a = write("POST", "/customers",
                         {{"name", "Joana D'Arc Souza"},
                          {"email", unique("joana") + "@example.com.br"},
                          {"cpf", new_cpf()},
                          {"addresses",
                           {{{"street", "Rua da Consolação"},
                             {"number", "100"},
                             {"city", "São Paulo"},
                             {"state", "SP"},
                             {"postal_code", "01302-000"}}}}});
    EXPECT_EQ(a.status, 201) << a.raw.body;
    return a.body;
  }
  json new_book() {
    const auto a = write("POST", "/books",
                         {{"title", unique("Dom Casmurro")},
                          {"authors", {"Machado de Assis"}},
                          {"price", {{"amount", "29.90"}, {"currency", "BRL"}}},
                          {"stock", 5},
                          {"edition_notes", "kept as given"}});
    EXPECT_EQ(a.status, 201) << a.raw.body;
    return a.body;
  }

  inline static std::unique_ptr<S2Process> server_;
  net::HttpClient client_;
};

TEST_F(AdminEndpoints, NeedTheTokenAndAnswer401WithoutIt) {
  const auto customer = new_customer();
  const std::string path = fmt::format("/admin/customers/{}", customer.at("id").get<long>());
  const auto none = send("GET", path);
  EXPECT_EQ(none.status, 401) << none.raw.body;
  EXPECT_EQ(none.header("Content-Type"), "application/problem+json");
  EXPECT_EQ(send("GET", path, "", bearer("wrong-token")).status, 401);
  EXPECT_EQ(send("GET", path, "", {{"Authorization", kToken}}).status, 401);  // not "Bearer"
  EXPECT_EQ(admin(path).status, 200);
}

TEST_F(AdminEndpoints, UnknownIdsAre404AndMalformedOnes400) {
  EXPECT_EQ(admin("/admin/customers/999999999999").status, 404);
  EXPECT_EQ(admin("/admin/books/0123456789abcdef01234567").status, 404);
  EXPECT_EQ(admin("/admin/orders/0190c3e2-8f1a-7cc0-9d1e-2b7f3a4c5d6e").status, 404);
  const auto bad = admin("/admin/customers/abc");
  EXPECT_EQ(bad.status, 400);
  EXPECT_THAT(fields_of(bad), Contains("id"));
  EXPECT_EQ(admin("/admin/books/not-an-id").status, 400);
  EXPECT_EQ(admin("/admin/orders/42").status, 400);
}

TEST_F(AdminEndpoints, CustomerIsItsPostgresRowsWithColumnTypes) {
  const auto customer = new_customer();
  const auto a = admin(fmt::format("/admin/customers/{}", customer.at("id").get<long>()));
  ASSERT_EQ(a.status, 200) << a.raw.body;
  EXPECT_EQ(a.body.at("database"), "postgresql");
  const auto& tables = a.body.at("tables");
  ASSERT_EQ(tables.size(), 2u);
  EXPECT_EQ(tables[0].at("table"), "customers");
  EXPECT_EQ(tables[1].at("table"), "customer_addresses");

  json types;
  for (const auto& c : tables[0].at("columns"))
    types[c.at("name").get<std::string>()] = c.at("type");
  EXPECT_EQ(types.at("cpf"), "character(11)");
  EXPECT_EQ(types.at("name"), "character varying(200)");
  EXPECT_EQ(types.at("created_at"), "timestamp with time zone");
  ASSERT_EQ(tables[0].at("rows").size(), 1u);
  const auto& row = tables[0].at("rows")[0];
  EXPECT_EQ(row.at("id"), std::to_string(customer.at("id").get<long>()));
  EXPECT_EQ(row.at("cpf"), customer.at("cpf"));           // digits only, as stored
  EXPECT_EQ(row.at("name_folded"), "joana d'arc souza");  // the server's search column
  EXPECT_TRUE(row.at("phone").is_null());
  // Columns come in the table's order, and every row has every column.
  EXPECT_EQ(tables[0].at("columns")[0].at("name"), "id");
  EXPECT_EQ(row.size(), tables[0].at("columns").size());

  const auto& address = tables[1].at("rows").at(0);
  EXPECT_EQ(address.at("postal_code"), "01302000");
  EXPECT_EQ(address.at("position"), "0");
  EXPECT_EQ(address.at("country"), "BR");
}

TEST_F(AdminEndpoints, BookIsItsMongoDocumentInExtendedJsonWithServerFieldsMarked) {
  const auto book = new_book();
  const std::string id = book.at("id");
  // An order moves the book's stock, and with it the revision only the server reads.
  const long customer_id = new_customer().at("id");
  const auto placed =
      write("POST", "/orders",
            {{"customer_id", customer_id}, {"items", {{{"book_id", id}, {"quantity", 1}}}}}, {});
  ASSERT_EQ(placed.status, 201) << placed.raw.body;
  const auto a = admin("/admin/books/" + id);
  ASSERT_EQ(a.status, 200) << a.raw.body;
  EXPECT_EQ(a.body.at("collection"), "books");
  const auto& doc = a.body.at("document");
  EXPECT_EQ(doc.at("_id").at("$oid"), id);
  EXPECT_EQ(doc.at("stock").at("$numberLong"), "4");
  EXPECT_EQ(doc.at("price").at("amount_cents").at("$numberLong"), "2990");
  EXPECT_TRUE(doc.at("created_at").contains("$date"));
  EXPECT_EQ(doc.at("extra").at("edition_notes"), "kept as given");
  EXPECT_THAT(a.body.at("server_only_fields"), Contains("revision"));
  EXPECT_TRUE(doc.contains("revision"));
  EXPECT_FALSE(book.contains("revision"));  // the API never shows it
  // The folded values lists compare are the book index's (PostgreSQL), not the document's.
  EXPECT_FALSE(doc.contains("search"));
}

TEST_F(AdminEndpoints, OrderIsItsRedisKeysIndexesAndIdempotencyRecord) {
  const auto customer = new_customer();
  const auto book = new_book();
  const long customer_id = customer.at("id");
  const std::string key = unique("order-key");
  const auto placed = write(
      "POST", "/orders",
      {{"customer_id", customer_id}, {"items", {{{"book_id", book.at("id")}, {"quantity", 2}}}}},
      {{"Idempotency-Key", key}});
  ASSERT_EQ(placed.status, 201) << placed.raw.body;
  const std::string id = placed.body.at("id");

  auto a = admin("/admin/orders/" + id);
  ASSERT_EQ(a.status, 200) << a.raw.body;
  EXPECT_EQ(a.body.at("order").at("key"), "{ld}:order:" + id);
  EXPECT_EQ(a.body.at("order").at("ttl_ms"), -1);
  const auto stored = json::parse(a.body.at("order").at("value").get<std::string>());
  EXPECT_EQ(stored.at("total_cents"), 5980);
  std::vector<std::string> indexes;
  for (const auto& i : a.body.at("indexes")) indexes.push_back(i.at("key"));
  EXPECT_THAT(indexes, ::testing::UnorderedElementsAre(
                           "{ld}:orders", fmt::format("{{ld}}:orders:customer:{}", customer_id),
                           "{ld}:orders:status:created",
                           fmt::format("{{ld}}:orders:customer:{}:created", customer_id)));
  const auto& record = a.body.at("idempotency");
  ASSERT_TRUE(record.is_object()) << a.raw.body;
  EXPECT_EQ(record.at("key"), "{ld}:idempotency:POST /orders " + key);
  EXPECT_EQ(record.at("fields").at("location"), "/orders/" + id);
  EXPECT_EQ(record.at("fields").at("state"), "done");
  EXPECT_GT(record.at("ttl_ms").get<long>(), 0);

  // Cancelled: the status indexes move, and the stock return is queued or already done.
  ASSERT_EQ(write("PATCH", "/orders/" + id, {{"status", "cancelled"}}).status, 200);
  a = admin("/admin/orders/" + id);
  indexes.clear();
  for (const auto& i : a.body.at("indexes")) indexes.push_back(i.at("key"));
  EXPECT_THAT(indexes, Contains("{ld}:orders:status:cancelled"));
  EXPECT_THAT(indexes, Not(Contains("{ld}:orders:status:created")));
}

TEST_F(AdminEndpoints, ReadOnlyAndNeverShowTheToken) {
  const auto customer = new_customer();
  const auto path = fmt::format("/admin/customers/{}", customer.at("id").get<long>());
  const auto stats_before = settled_stats();
  for (const char* method : {"POST", "PATCH", "PUT", "DELETE"}) {
    const auto a = send(method, path, "{}", bearer());
    EXPECT_EQ(a.status, 405) << method;
    EXPECT_EQ(a.header("Allow"), "GET") << method;
  }
  const auto a = admin(path);
  ASSERT_EQ(a.status, 200);
  EXPECT_THAT(a.raw.body, Not(HasSubstr(kToken)));
  EXPECT_EQ(settled_stats(), stats_before);
  EXPECT_EQ(send("GET", fmt::format("/customers/{}", customer.at("id").get<long>())).body,
            customer);
}

TEST(AdminEndpointsWithoutToken, AreOff) {
  S2Process server(S2Process::Env{{"S2_API_TOKEN", ""}});
  net::HttpClient client;
  const auto a = send_request(client, "GET", server.base_url() + "/admin/customers/1", "",
                              {{"Authorization", "Bearer anything"}});
  EXPECT_EQ(a.status, 404) << a.raw.body;
  EXPECT_THAT(a.body.at("detail").get<std::string>(), HasSubstr("token"));
  EXPECT_EQ(send_request(client, "GET", server.base_url() + "/admin/orders/x").status, 404);
}

}  // namespace
}  // namespace ld::test
