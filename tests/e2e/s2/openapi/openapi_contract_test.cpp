// The running s2 against docs/openapi.json: it serves that very document, routes exactly the
// operations it lists, and answers with the statuses, headers and bodies it documents.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>

#include "core/metrics.hpp"
#include "support/api_document.hpp"
#include "net/http_client.hpp"
#include "s2/ops_handlers.hpp"
#include "s2/routes.hpp"
#include "storage/mongo/mongo_store.hpp"
#include "storage/postgres/postgres_store.hpp"
#include "storage/redis/redis_store.hpp"
#include "support/s2_process.hpp"
#include "support/test_env.hpp"

namespace ld::test {
namespace {

using nlohmann::json;

const ApiDocument& document() {
  static const ApiDocument doc = ApiDocument::load(source_path("docs/openapi.json"));
  return doc;
}

// Makes this run's e-mails and titles its own, so the test needs no reset of shared data.
std::string run_suffix() {
  static const std::string suffix =
      std::to_string(::getpid()) + "-" +
      std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
  return suffix;
}

std::string media_type(const std::string& content_type) {
  auto type = content_type.substr(0, content_type.find(';'));
  type.erase(std::remove(type.begin(), type.end(), ' '), type.end());
  std::transform(type.begin(), type.end(), type.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return type;
}

// Everything in `response` that the document does not say the operation answers: an
// undocumented status, a missing required header, another media type, a body off its schema.
std::vector<std::string> departures(const Operation& op, const net::HttpResponse& response) {
  const auto& doc = document();
  const auto status = std::to_string(response.status);
  if (!doc.statuses(op).count(status)) return {"status " + status + " is not documented"};
  std::vector<std::string> out;
  const auto& documented = doc.response(op, status);
  const auto headers = documented.value("headers", json::object());
  for (const auto& [name, header] : headers.items()) {
    if (doc.resolve(header).value("required", false) && response.header(name).empty()) {
      out.push_back("lacks the header " + name);
    }
  }
  if (!documented.contains("content")) {
    if (!response.body.empty()) out.push_back("has a body where none is documented");
    return out;
  }
  const auto type = media_type(response.header("Content-Type"));
  const auto& content = documented.at("content");
  if (!content.contains(type)) return {"Content-Type " + type + " is not documented"};
  if (type.find("json") == std::string::npos) return out;
  const auto body = json::parse(response.body, nullptr, false);
  if (body.is_discarded()) return {"the body is not JSON"};
  for (auto& line : doc.violations(body, content.at(type).at("schema"))) {
    out.push_back(std::move(line));
  }
  return out;
}

TEST(OpenApiRouteTable, EveryRoutedOperationIsDocumented) {
  // The route table wired as main() wires it, over the real stores; no request runs through it.
  Metrics metrics;
  PostgresSettings pg_settings;
  pg_settings.url = pg_url();
  MongoSettings mongo_settings;
  mongo_settings.url = mongo_url();
  mongo_settings.database = mongo_db();
  RedisSettings redis_settings;
  redis_settings.url = redis_url();
  PostgresStore postgres(pg_settings, metrics);
  MongoStore mongo(mongo_settings, metrics);
  RedisStore redis(redis_settings, metrics);
  s2::CustomerHandlers customers(postgres.customers(), redis.orders());
  s2::BookHandlers books(mongo.books());
  s2::OrderHandlers orders({redis.orders(), postgres.customers(), mongo.books(), mongo.stock()});
  s2::OpsHandlers ops({[&] { return postgres.probe(); }, [&] { return mongo.probe(); },
                       [&] { return redis.probe(); }},
                      postgres.customers(), mongo.books(), redis.orders(), metrics, {});
  postgres::CustomerInspection customer_rows(pg_settings, metrics);
  mongo::BookInspection book_documents(mongo_settings, metrics);
  redis::OrderInspection order_keys(redis_settings, metrics);
  s2::AdminHandlers admin("token", customer_rows, book_documents, order_keys);
  s2::ConsoleHandlers console;
  const auto router = s2::route_table({customers, books, orders, ops, admin, console});

  // The console's files ("/" and /console/...) are web pages, not API operations.
  const auto paths = console.paths();
  std::set<Operation> routed;
  for (const auto& route : router.routes()) {
    if (std::find(paths.begin(), paths.end(), route.pattern) != paths.end()) continue;
    routed.emplace(route.method, route.pattern);
  }
  EXPECT_EQ(routed, document().operations());
}

class OpenApiContract : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = std::make_unique<S2Process>(); }
  static void TearDownTestSuite() { server_.reset(); }

  net::HttpResponse send(const std::string& method, const std::string& target,
                         const std::string& body = {}, net::Headers headers = {}) {
    if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
    return client_.send({method, server_->base_url() + target, std::move(headers), body});
  }

  // Creates what the {id} operations need, so that none of them can answer 404 for the entity.
  void create_one_of_each() {
    const auto customer = send(
        "POST", "/customers",
        json{{"name", "Contrato Aberto"}, {"email", "openapi." + run_suffix() + "@example.com.br"}}
            .dump());
    ASSERT_EQ(customer.status, 201) << customer.body;
    customer_id_ = std::to_string(json::parse(customer.body).at("id").get<std::int64_t>());
    const auto book = send("POST", "/books",
                           json{{"title", "Contrato Aberto " + run_suffix()},
                                {"price", {{"amount", "39.90"}, {"currency", "BRL"}}},
                                {"stock", 5}}
                               .dump());
    ASSERT_EQ(book.status, 201) << book.body;
    book_id_ = json::parse(book.body).at("id").get<std::string>();
    const auto order = send("POST", "/orders",
                            json{{"customer_id", std::stoll(customer_id_)},
                                 {"items", {{{"book_id", book_id_}, {"quantity", 1}}}}}
                                .dump());
    ASSERT_EQ(order.status, 201) << order.body;
    order_id_ = json::parse(order.body).at("id").get<std::string>();
  }

  std::string concrete_path(const std::string& pattern) const {
    const auto at = pattern.find("{id}");
    if (at == std::string::npos) return pattern;
    const auto& id = pattern.rfind("/customers", 0) == 0 ? customer_id_
                     : pattern.rfind("/books", 0) == 0   ? book_id_
                                                         : order_id_;
    return pattern.substr(0, at) + id + pattern.substr(at + 4);
  }

  static std::unique_ptr<S2Process> server_;
  net::HttpClient client_;
  std::string customer_id_, book_id_, order_id_;
};

std::unique_ptr<S2Process> OpenApiContract::server_;

TEST_F(OpenApiContract, ServesTheDocumentInDocs) {
  const auto response = send("GET", "/openapi.json");
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(media_type(response.header("Content-Type")), "application/json");
  const auto served = json::parse(response.body);
  // On a mismatch, print the JSON patch between the two rather than both whole documents.
  EXPECT_TRUE(served == document().as_json())
      << "served -> docs/openapi.json: " << json::diff(served, document().as_json()).dump();
  EXPECT_EQ(departures({"GET", "/openapi.json"}, response), std::vector<std::string>{});
}

TEST_F(OpenApiContract, EveryDocumentedOperationIsRoutedAndAnswersAsDocumented) {
  ASSERT_NO_FATAL_FAILURE(create_one_of_each());
  const auto unrouted = send("GET", "/no-such-resource-" + run_suffix());
  ASSERT_EQ(unrouted.status, 404);
  const auto unrouted_detail = json::parse(unrouted.body).at("detail");

  // Deletions last, so that every other operation finds its entity.
  const auto documented = document().operations();
  std::vector<Operation> operations(documented.begin(), documented.end());
  std::stable_partition(operations.begin(), operations.end(),
                        [](const Operation& op) { return op.first != "DELETE"; });
  for (const auto& op : operations) {
    const bool has_body = op.first == "POST" || op.first == "PATCH";
    const auto response = send(op.first, concrete_path(op.second), has_body ? "{}" : "");
    SCOPED_TRACE(op.first + " " + op.second + " -> " + std::to_string(response.status) + " " +
                 response.body.substr(0, 300));
    EXPECT_NE(response.status, 405);
    if (response.status == 404) {
      EXPECT_NE(json::parse(response.body).value("detail", json()), unrouted_detail)
          << "answered as an unknown route";
    }
    EXPECT_EQ(departures(op, response), std::vector<std::string>{});
  }
}

TEST_F(OpenApiContract, CreatingACustomerAnswers201AsDocumented) {
  const json ana = {{"name", "Ana Souza"},
                    {"email", "ana." + run_suffix() + "@example.com.br"},
                    {"phone", "+55 11 91234-5678"},
                    {"birth_date", "1990-05-17"},
                    {"addresses",
                     {{{"street", "Avenida Paulista"},
                       {"number", "1578"},
                       {"city", "São Paulo"},
                       {"state", "sp"},
                       {"postal_code", "01310-200"}}}}};
  const auto response = send("POST", "/customers", ana.dump());
  ASSERT_EQ(response.status, 201) << response.body;
  EXPECT_EQ(departures({"POST", "/customers"}, response), std::vector<std::string>{});
  const auto created = json::parse(response.body);
  EXPECT_EQ(response.header("Location"),
            "/customers/" + std::to_string(created.at("id").get<std::int64_t>()));
  EXPECT_EQ(created.at("addresses").at(0).at("postal_code"), "01310200");
  EXPECT_EQ(created.at("addresses").at(0).at("state"), "SP");
  EXPECT_EQ(created.at("addresses").at(0).at("country"), "BR");
}

TEST_F(OpenApiContract, AnInvalidCustomerGetsAProblemListingEveryField) {
  const json bad = {{"name", "   "},
                    {"email", "not-an-email"},
                    {"addresses",
                     {{{"street", "Rua Augusta"},
                       {"number", "s/n"},
                       {"city", "São Paulo"},
                       {"state", "ZZ"},
                       {"postal_code", "123"}}}}};
  const auto response = send("POST", "/customers", bad.dump());
  ASSERT_EQ(response.status, 400) << response.body;
  EXPECT_EQ(media_type(response.header("Content-Type")), "application/problem+json");
  EXPECT_EQ(departures({"POST", "/customers"}, response), std::vector<std::string>{});
  const auto problem = json::parse(response.body);
  std::set<std::string> fields;
  for (const auto& e : problem.at("errors")) fields.insert(e.at("field").get<std::string>());
  for (const std::string f : {"name", "email", "addresses[0].state", "addresses[0].postal_code"}) {
    EXPECT_TRUE(fields.count(f)) << f << " not in " << response.body;
  }
}

TEST_F(OpenApiContract, MalformedIdsGet400AndUnknownOnes404AsDocumented) {
  const std::pair<Operation, std::string> malformed[] = {
      {{"GET", "/customers/{id}"}, "/customers/abc"},
      {{"GET", "/customers/{id}"}, "/customers/017"},
      {{"GET", "/books/{id}"}, "/books/65f0c0ffee0123456789abc"},
      {{"GET", "/orders/{id}"}, "/orders/not-a-uuid"},
  };
  for (const auto& [op, target] : malformed) {
    const auto response = send("GET", target);
    EXPECT_EQ(response.status, 400) << target;
    EXPECT_EQ(departures(op, response), std::vector<std::string>{}) << target;
    EXPECT_EQ(json::parse(response.body).at("errors").at(0).at("field"), "id") << target;
  }
  const std::pair<Operation, std::string> unknown[] = {
      {{"GET", "/customers/{id}"}, "/customers/9223372036854775807"},
      {{"GET", "/books/{id}"}, "/books/000000000000000000000000"},
      {{"GET", "/orders/{id}"}, "/orders/00000000-0000-7000-8000-000000000000"},
  };
  for (const auto& [op, target] : unknown) {
    const auto response = send("GET", target);
    EXPECT_EQ(response.status, 404) << target;
    EXPECT_EQ(departures(op, response), std::vector<std::string>{}) << target;
  }
}

TEST_F(OpenApiContract, ListsAnswerPagesAndRejectALimitOutOfRange) {
  const Operation list{"GET", "/customers"};
  const auto page = send("GET", "/customers?limit=1");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(departures(list, page), std::vector<std::string>{});
  const auto bad = send("GET", "/customers?limit=101");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(departures(list, bad), std::vector<std::string>{});
}

TEST_F(OpenApiContract, HealthAnswersAsDocumented) {
  const auto response = send("GET", "/health");
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(departures({"GET", "/health"}, response), std::vector<std::string>{});
  EXPECT_EQ(json::parse(response.body), json({{"status", "ok"}}));
}

TEST_F(OpenApiContract, ABodyOfAnotherTypeGets415AndOneOver1MiBGets413AsDocumented) {
  const Operation create{"POST", "/customers"};
  const auto text = client_.send(
      {"POST", server_->base_url() + "/customers", {{"Content-Type", "text/plain"}}, "{}"});
  EXPECT_EQ(text.status, 415);
  EXPECT_EQ(departures(create, text), std::vector<std::string>{});
  const auto huge = send("POST", "/customers", std::string(1'048'577, ' '));
  EXPECT_EQ(huge.status, 413);
  EXPECT_EQ(departures(create, huge), std::vector<std::string>{});
}

TEST_F(OpenApiContract, AReplayedPostCarriesIdempotentReplayedAsDocumented) {
  const Operation create{"POST", "/customers"};
  const auto body =
      json{{"name", "Bruno Lima"}, {"email", "bruno." + run_suffix() + "@example.com.br"}}.dump();
  const net::Headers key = {{"Idempotency-Key", "openapi-" + run_suffix()}};
  const auto first = send("POST", "/customers", body, key);
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.header("Idempotent-Replayed"), "");
  const auto again = send("POST", "/customers", body, key);
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.header("Idempotent-Replayed"), "true");
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(departures(create, again), std::vector<std::string>{});
}

TEST(OpenApiContractWithToken, AWriteWithoutTheTokenGets401AsDocumented) {
  S2Process server({{"S2_API_TOKEN", "contract-token-" + run_suffix()}});
  net::HttpClient client;
  const auto response = client.send(
      {"POST", server.base_url() + "/customers", {{"Content-Type", "application/json"}}, "{}"});
  ASSERT_EQ(response.status, 401);
  EXPECT_EQ(response.header("WWW-Authenticate"), "Bearer");
  EXPECT_EQ(departures({"POST", "/customers"}, response), std::vector<std::string>{});
  const auto read = client.send({"GET", server.base_url() + "/customers?limit=1", {}, {}});
  EXPECT_EQ(read.status, 200) << "reads stay open";
}

}  // namespace
}  // namespace ld::test
