// Reading a run's log back: one acknowledgement per Idempotency-Key (its last 2xx), a 409 on a
// retry resolved by the lookup tied to the key, and nothing for records S2 refused.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "s1/verify/acknowledged.hpp"

namespace {

using nlohmann::json;

json post(const std::string& route, const std::string& key, const json& body, int status,
          const json& answer, int attempt) {
  json response = status ? json{{"status", status}, {"headers", json::object()}, {"body", answer}}
                         : json(nullptr);
  return {{"seq", 0},
          {"phase", route.substr(1)},
          {"request",
           {{"method", "POST"},
            {"url", "http://127.0.0.1:5000" + route},
            {"headers", {{"Idempotency-Key", key}}},
            {"body", body}}},
          {"response", response},
          {"attempt", attempt}};
}

std::string write_log(const json& entries) {
  const auto path = ::testing::TempDir() + "/ack-" + std::to_string(::getpid()) + ".json";
  std::ofstream(path) << entries.dump();
  return path;
}

TEST(Acknowledged, TakesTheLastSuccessfulAttemptPerKeyOnce) {
  const json ana = {{"name", "Ana"}, {"email", "ana@example.com.br"}};
  const auto path = write_log(json::array({
      post("/customers", "k1", ana, 0, nullptr, 1),
      post("/customers", "k1", ana, 503, {{"status", 503}}, 2),
      post("/customers", "k1", ana, 201, {{"id", 7}}, 3),
      post("/customers", "k2", {{"name", ""}}, 400, {{"status", 400}}, 1),
      post("/books", "k3", {{"title", "T"}}, 201, {{"id", "65f0aaaaaaaaaaaaaaaaaaaa"}}, 1),
  }));
  const auto log = ld::s1::read_acknowledged(path);
  EXPECT_EQ(log.server, "http://127.0.0.1:5000");
  EXPECT_EQ(log.entries, 5u);
  ASSERT_EQ(log.customers.size(), 1u);
  EXPECT_EQ(log.customers[0].record["id"], 7);
  EXPECT_EQ(log.customers[0].sent, ana);
  EXPECT_EQ(log.customers[0].idempotency_key, "k1");
  ASSERT_EQ(log.books.size(), 1u);
  EXPECT_TRUE(log.orders.empty());
}

TEST(Acknowledged, AConflictOnARetryIsResolvedByTheLookupTiedToItsKey) {
  const json bia = {{"name", "Bia"}, {"email", "bia@example.com.br"}};
  const auto lookup = json::parse(R"({"seq": 0, "phase": "customers",
    "request": {"method": "GET", "url": "http://127.0.0.1:5000/customers?email=bia%40example.com.br",
                "headers": {"Idempotency-Key": "k9"}, "body": null},
    "response": {"status": 200, "headers": {},
                 "body": {"items": [{"id": 9, "email": "BIA@example.com.br"}], "next_cursor": null}}})");
  const auto path = write_log(json::array({
      post("/customers", "k9", bia, 0, nullptr, 1),
      post("/customers", "k9", bia, 409, {{"status", 409}}, 2),
      lookup,
  }));
  const auto log = ld::s1::read_acknowledged(path);
  ASSERT_EQ(log.customers.size(), 1u);
  EXPECT_TRUE(log.customers[0].via_lookup);
  EXPECT_EQ(log.customers[0].record["id"], 9);
}

TEST(Acknowledged, ASuccessWithoutABodyAcknowledgesNothingAndDoesNotStopTheReading) {
  const json cai = {{"name", "Cai"}, {"email", "cai@example.com.br"}};
  auto no_body = post("/customers", "k4", cai, 201, nullptr, 1);
  no_body["response"].erase("body");
  auto lookup_without_body = post("/customers", "k5", cai, 201, {{"id", 5}}, 1);
  lookup_without_body["request"]["method"] = "GET";
  lookup_without_body["response"] = {{"status", 200}};
  const auto path = write_log(json::array({
      no_body,
      lookup_without_body,
      post("/customers", "k6", cai, 201, json::array(), 1),
      post("/customers", "k7", cai, 201, {{"id", 8}}, 1),
  }));
  const auto log = ld::s1::read_acknowledged(path);
  ASSERT_EQ(log.customers.size(), 1u);
  EXPECT_EQ(log.customers[0].idempotency_key, "k7");
}

TEST(Acknowledged, RefusesAFileThatIsNotALog) {
  const auto path = ::testing::TempDir() + "/not-a-log.json";
  std::ofstream(path) << "{\"oops\": true}";
  EXPECT_THROW(ld::s1::read_acknowledged(path), std::runtime_error);
  EXPECT_THROW(ld::s1::read_acknowledged("/no/such/log.json"), std::runtime_error);
}

}  // namespace
