// The fixture of the /orders end-to-end tests: one real s2 for the suite (customers in
// PostgreSQL, books in MongoDB, orders in Redis), a small JSON client, and ways to make customers
// and books and to look at what landed in the stores.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <mongoc/mongoc.h>
#include <nlohmann/json.hpp>

#include "net/http_client.hpp"
#include "storage/redis/redis_connection.hpp"
#include "support/api_client.hpp"
#include "support/redis_stores.hpp"
#include "support/s2_process.hpp"
#include "support/test_env.hpp"

namespace ld::test {

using nlohmann::json;

inline void drop_mongo_database(const std::string& name) {
  mongoc_init();
  std::unique_ptr<mongoc_client_t, void (*)(mongoc_client_t*)> client(
      mongoc_client_new(mongo_url().c_str()), mongoc_client_destroy);
  ASSERT_TRUE(client) << mongo_url();
  std::unique_ptr<mongoc_database_t, void (*)(mongoc_database_t*)> db(
      mongoc_client_get_database(client.get(), name.c_str()), mongoc_database_destroy);
  bson_error_t error;
  // Dropping a database that does not exist is fine; any other failure is the test's problem.
  if (!mongoc_database_drop(db.get(), &error) && error.code != 26) {
    FAIL() << "dropping " << name << ": " << error.message;
  }
}

// This run's own e-mails, titles and keys, so the test shares the stores without resetting them.
inline std::string unique(const std::string& what) {
  static const std::string run = fmt::format(
      "{}-{}", ::getpid(), std::chrono::steady_clock::now().time_since_epoch().count() % 1000000);
  static int n = 0;
  return fmt::format("{}-{}-{}", what, run, ++n);
}

class OrdersApi : public ::testing::Test {
 protected:
  // A books database of its own, emptied before s2 starts: the test checks stock counts and owes
  // nothing to what other suites left in the shared one.
  static void SetUpTestSuite() {
    const auto database = mongo_db() + "_orders";
    drop_mongo_database(database);
    server_ = std::make_unique<S2Process>(S2Process::Env{{"S2_MONGO_DB", database}});
  }
  static void TearDownTestSuite() { server_.reset(); }

  Answer send(const std::string& method, const std::string& path, const std::string& body = "",
              net::Headers headers = {}) {
    return send_request(client_, method, server_->base_url() + path, body, std::move(headers));
  }
  Answer post(const std::string& path, const json& body, net::Headers headers = {}) {
    return send("POST", path, body.dump(), std::move(headers));
  }
  Answer patch(const std::string& path, const json& body) {
    return send("PATCH", path, body.dump());
  }
  Answer get(const std::string& path) { return send("GET", path); }

  std::int64_t new_customer() {
    const auto a = post("/customers", {{"name", "Cliente Teste"},
                                       {"email", unique("cliente") + "@example.com.br"}});
    EXPECT_EQ(a.status, 201) << a.raw.body;
    return a.body.value("id", std::int64_t{0});
  }

  // A book with a price (none: not for sale) and a stock (none: unlimited).
  std::string new_book(std::optional<std::string> amount = "39.90", std::string currency = "BRL",
                       std::optional<int> stock = 10) {
    json book = {{"title", unique("Livro")}, {"authors", {"Autora Teste"}}};
    if (amount) book["price"] = {{"amount", *amount}, {"currency", currency}};
    if (stock) book["stock"] = *stock;
    const auto a = post("/books", book);
    EXPECT_EQ(a.status, 201) << a.raw.body;
    return a.body.value("id", std::string{});
  }

  std::optional<std::int64_t> stock_of(const std::string& book_id) {
    const auto a = get("/books/" + book_id);
    EXPECT_EQ(a.status, 200) << a.raw.body;
    if (!a.body.contains("stock")) return std::nullopt;
    return a.body["stock"].get<std::int64_t>();
  }

  Answer place(std::int64_t customer, const std::vector<std::pair<std::string, int>>& items) {
    json list = json::array();
    for (const auto& [book, quantity] : items)
      list.push_back({{"book_id", book}, {"quantity", quantity}});
    return post("/orders", {{"customer_id", customer}, {"items", list}});
  }

  static redis::RedisConnection redis_db() {
    return redis::RedisConnection(redis::parse_url(redis_url()), std::chrono::milliseconds(2000));
  }

  inline static std::unique_ptr<S2Process> server_;
  net::HttpClient client_;
};

}  // namespace ld::test
