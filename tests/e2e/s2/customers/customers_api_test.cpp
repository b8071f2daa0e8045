// /customers end to end: creating, listing and reading customers (the POST and GET rows of the
// customers table in the API contract), and what lands in PostgreSQL.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/digest.hpp"
#include "customers_api.hpp"
#include "storage/redis/redis_connection.hpp"
#include "storage/redis/redis_url.hpp"

namespace ld::test {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

// ---- POST /customers

TEST_F(CustomersApi, PostCreatesTheCustomerWith201AndLocation) {
  const std::string email = unique_email("Maria");
  const std::string cpf = unique_cpf();
  const auto a = post("/customers", {{"name", "  Maria D'Ávila  "},
                                     {"email", email},
                                     {"cpf", formatted_cpf(cpf)},
                                     {"phone", "+55 81 3333-4444"},
                                     {"birth_date", "1990-05-17"},
                                     {"addresses", {address("Recife"), address("Olinda")}}});
  ASSERT_EQ(a.status, 201) << a.raw.body;
  const auto id = a.body.at("id").get<std::int64_t>();
  EXPECT_EQ(a.header("Location"), "/customers/" + std::to_string(id));
  EXPECT_EQ(a.body.at("name"), "Maria D'Ávila");
  EXPECT_EQ(a.body.at("email"), email);
  EXPECT_EQ(a.body.at("cpf"), cpf);
  EXPECT_EQ(a.body.at("birth_date"), "1990-05-17");
  ASSERT_EQ(a.body.at("addresses").size(), 2u);
  EXPECT_EQ(a.body["addresses"][0].at("state"), "PE");
  EXPECT_EQ(a.body["addresses"][0].at("postal_code"), "50050000");
  EXPECT_EQ(a.body["addresses"][0].at("country"), "BR");
  EXPECT_EQ(a.body["addresses"][1].at("city"), "Olinda");
  EXPECT_EQ(a.body.at("created_at"), a.body.at("updated_at"));
  EXPECT_EQ(a.body.at("created_at").get<std::string>().size(), 24u);  // ...T12:00:00.123Z
  EXPECT_NE(a.header("Server-Timing").find("pg;dur="), std::string::npos);

  // What landed in PostgreSQL.
  const auto row = pg_row(
      "SELECT name, email, cpf, phone, birth_date::text, "
      "(SELECT string_agg(position || ':' || city || ':' || state || ':' || postal_code, ',' "
      "ORDER BY position) FROM customer_addresses WHERE customer_id = c.id) "
      "FROM customers c WHERE id = $1",
      id);
  EXPECT_EQ(row[0].as<std::string>(), "Maria D'Ávila");
  EXPECT_EQ(row[1].as<std::string>(), email);
  EXPECT_EQ(row[2].as<std::string>(), cpf);
  EXPECT_EQ(row[3].as<std::string>(), "+55 81 3333-4444");
  EXPECT_EQ(row[4].as<std::string>(), "1990-05-17");
  EXPECT_EQ(row[5].as<std::string>(), "0:Recife:PE:50050000,1:Olinda:PE:50050000");
}

TEST_F(CustomersApi, PostLeavesOutUnsetOptionalFieldsButNotAddresses) {
  const json c = new_customer();
  EXPECT_FALSE(c.contains("cpf"));
  EXPECT_FALSE(c.contains("phone"));
  EXPECT_FALSE(c.contains("birth_date"));
  EXPECT_EQ(c.at("addresses"), json::array());
}

// An S2 that died after storing the customer and before saving the key's answer: the retry, once
// the key's lock has run out, answers 201 with that customer instead of 409 on its own e-mail.
TEST_F(CustomersApi, ARetryAfterACrashAnswersWithTheCustomerItsFirstAttemptStored) {
  const json body = {{"name", "Cliente Retentado"}, {"email", unique_email("retentado")}};
  const std::string key = "customer-" + run_token();
  const std::string record = "{ld}:idempotency:POST /customers " + key;
  redis::RedisConnection redis(redis::parse_url(redis_url()), std::chrono::milliseconds(2000));
  const auto running = [&] {
    redis.command({"HSET", record, "state", "running", "fingerprint",
                   digest::sha256_hex(body.dump()), "locked_until", "0", "promised_id",
                   "0190c3e2-7a1b-7000-8000-0000000c0002"});
  };
  const net::Headers headers = {{"Idempotency-Key", key}};
  const auto post_keyed = [&] {
    return send_request(client_, "POST", server_->base_url() + "/customers", body.dump(), headers);
  };
  running();
  const auto first = post_keyed();
  ASSERT_EQ(first.status, 201) << first.raw.body;
  running();  // the first attempt "died" before its answer was saved
  const auto again = post_keyed();
  ASSERT_EQ(again.status, 201) << again.raw.body;
  EXPECT_EQ(again.body["id"], first.body["id"]);
  EXPECT_EQ(again.header("Location"), first.header("Location"));
  EXPECT_EQ(pg_row("SELECT count(*) FROM customers WHERE lower(email) = "
                   "(SELECT lower(email) FROM customers WHERE id = $1)",
                   first.body["id"].get<std::int64_t>())[0]
                .as<int>(),
            1);
  redis.command({"DEL", record});
}

TEST_F(CustomersApi, PostWithInvalidFieldsIs400ListingEveryOne) {
  const auto a = post("/customers", {{"name", " "},
                                     {"email", "not-an-email"},
                                     {"cpf", "111.111.111-11"},
                                     {"birth_date", "2990-01-01"},
                                     {"addresses", {{{"street", "Rua"}, {"number", 12}}}}});
  EXPECT_EQ(a.status, 400);
  EXPECT_EQ(a.header("Content-Type").rfind("application/problem+json", 0), 0u);
  EXPECT_THAT(fields_of(a), UnorderedElementsAre("name", "email", "cpf", "birth_date",
                                                 "addresses[0].number", "addresses[0].city",
                                                 "addresses[0].state", "addresses[0].postal_code"));
}

TEST_F(CustomersApi, PostWithMalformedJsonOrANonObjectIs400) {
  EXPECT_EQ(send("POST", "/customers", "{\"name\": ").status, 400);
  EXPECT_EQ(send("POST", "/customers", "[1, 2]").status, 400);
}

TEST_F(CustomersApi, PostWithATakenEmailIs409NamingEmailWhateverItsCase) {
  const json c = new_customer();
  std::string shouted = c.at("email");
  for (auto& ch : shouted) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  const auto a = post("/customers", {{"name", "Outra"}, {"email", shouted}});
  EXPECT_EQ(a.status, 409);
  EXPECT_THAT(fields_of(a), ElementsAre("email"));
}

TEST_F(CustomersApi, PostWithATakenCpfIs409NamingCpf) {
  const std::string cpf = unique_cpf();
  new_customer({{"cpf", cpf}});
  const auto a = post(
      "/customers", {{"name", "Outra"}, {"email", unique_email("x")}, {"cpf", formatted_cpf(cpf)}});
  EXPECT_EQ(a.status, 409);
  EXPECT_THAT(fields_of(a), ElementsAre("cpf"));
}

// ---- GET /customers

TEST_F(CustomersApi, ListPagesByIdAscendingWithACursorUntilNextIsNull) {
  const std::string tag = "Paginado " + run_token();
  std::vector<std::int64_t> created;
  for (int i = 0; i < 5; ++i) {
    created.push_back(new_customer({{"name", tag + " " + std::to_string(i)}}).at("id"));
  }
  std::vector<std::int64_t> seen;
  std::string path = "/customers?limit=2&q=" + std::string("Paginado%20") + run_token();
  for (int pages = 0; pages < 10; ++pages) {
    const auto a = get(path);
    ASSERT_EQ(a.status, 200) << a.raw.body;
    for (const auto& c : a.body.at("items")) seen.push_back(c.at("id"));
    if (a.body.at("next_cursor").is_null()) break;
    path = "/customers?limit=2&q=Paginado%20" + run_token() +
           "&cursor=" + a.body.at("next_cursor").get<std::string>();
  }
  EXPECT_EQ(seen, created);
}

TEST_F(CustomersApi, ListFiltersByEmailExactlyIgnoringCase) {
  const json c = new_customer();
  std::string upper = c.at("email");
  upper[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(upper[0])));
  const auto a = get("/customers?email=" + url_encode(upper));
  ASSERT_EQ(a.status, 200);
  ASSERT_EQ(a.body.at("items").size(), 1u);
  EXPECT_EQ(a.body["items"][0].at("id"), c.at("id"));
  EXPECT_TRUE(a.body.at("next_cursor").is_null());
  EXPECT_EQ(get("/customers?email=" + url_encode("x" + c.at("email").get<std::string>()))
                .body.at("items")
                .size(),
            0u);
}

TEST_F(CustomersApi, ListQMatchesPartOfTheNameWithAccentedCapitals) {
  const json c = new_customer({{"name", "Conceição Araújo " + run_token()}});
  // "ÇÃO ARAÚJO <token>" percent-encoded, in capitals.
  const auto a = get("/customers?q=%C3%87%C3%83O%20ARA%C3%9AJO%20" + run_token());
  ASSERT_EQ(a.status, 200) << a.raw.body;
  ASSERT_EQ(a.body.at("items").size(), 1u);
  EXPECT_EQ(a.body["items"][0].at("id"), c.at("id"));
}

TEST_F(CustomersApi, ListCombinesFiltersWithAnd) {
  const json c = new_customer({{"name", "Filtro Duplo " + run_token()}});
  const std::string email = c.at("email");
  EXPECT_EQ(get("/customers?email=" + url_encode(email) + "&q=Duplo").body.at("items").size(), 1u);
  EXPECT_EQ(get("/customers?email=" + url_encode(email) + "&q=Triplo").body.at("items").size(), 0u);
}

TEST_F(CustomersApi, ListWithABadLimitOrCursorIs400) {
  EXPECT_THAT(fields_of(get("/customers?limit=0")), ElementsAre("limit"));
  EXPECT_THAT(fields_of(get("/customers?limit=101")), ElementsAre("limit"));
  EXPECT_THAT(fields_of(get("/customers?limit=abc")), ElementsAre("limit"));
  EXPECT_THAT(fields_of(get("/customers?cursor=not-a-cursor")), ElementsAre("cursor"));
  EXPECT_EQ(get("/customers?limit=100").status, 200);
}

// ---- GET /customers/{id}

TEST_F(CustomersApi, GetReturnsTheCustomer) {
  const json c = new_customer({{"addresses", {address("Caruaru")}}});
  const auto a = get(path_of(c));
  ASSERT_EQ(a.status, 200);
  EXPECT_EQ(a.body, c);
}

TEST_F(CustomersApi, GetWithAMalformedIdIs400NamingId) {
  for (const char* id : {"abc", "0", "-1", "017", "1.5", "9223372036854775808"}) {
    const auto a = get(std::string("/customers/") + id);
    EXPECT_EQ(a.status, 400) << id;
    EXPECT_THAT(fields_of(a), ElementsAre("id")) << id;
  }
}

TEST_F(CustomersApi, GetAnUnknownIdIs404) {
  EXPECT_EQ(get("/customers/9223372036854775807").status, 404);
}

}  // namespace
}  // namespace ld::test
