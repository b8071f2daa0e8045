// /customers end to end: changing and deleting customers, and a customer's orders (the PATCH,
// DELETE and /orders rows of the customers table in the API contract).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "customers_api.hpp"

namespace ld::test {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

// ---- PATCH /customers/{id}

TEST_F(CustomersApi, PatchChangesGivenFieldsAndUpdatedAt) {
  const json c = new_customer({{"phone", "111"}, {"cpf", unique_cpf()}});
  const auto a = patch(path_of(c), {{"name", "Nome Novo"}, {"phone", nullptr}, {"cpf", nullptr}});
  ASSERT_EQ(a.status, 200) << a.raw.body;
  EXPECT_EQ(a.body.at("name"), "Nome Novo");
  EXPECT_FALSE(a.body.contains("phone"));
  EXPECT_FALSE(a.body.contains("cpf"));
  EXPECT_EQ(a.body.at("email"), c.at("email"));
  EXPECT_EQ(a.body.at("created_at"), c.at("created_at"));
  EXPECT_GT(a.body.at("updated_at").get<std::string>(), c.at("updated_at").get<std::string>());
  const auto row =
      pg_row("SELECT name, cpf IS NULL, phone IS NULL FROM customers WHERE id = $1", c.at("id"));
  EXPECT_EQ(row[0].as<std::string>(), "Nome Novo");
  EXPECT_TRUE(row[1].as<bool>());
  EXPECT_TRUE(row[2].as<bool>());
}

TEST_F(CustomersApi, PatchEmptyIsANoOpKeepingUpdatedAt) {
  const json c = new_customer();
  const auto a = patch(path_of(c), json::object());
  ASSERT_EQ(a.status, 200);
  EXPECT_EQ(a.body, c);
}

TEST_F(CustomersApi, PatchAddressesReplacesTheList) {
  const json c = new_customer({{"addresses", {address("Recife"), address("Olinda")}}});
  const auto a = patch(path_of(c), {{"addresses", {address("Petrolina")}}});
  ASSERT_EQ(a.status, 200);
  ASSERT_EQ(a.body.at("addresses").size(), 1u);
  EXPECT_EQ(a.body["addresses"][0].at("city"), "Petrolina");
  EXPECT_EQ(pg_row("SELECT count(*) FROM customer_addresses WHERE customer_id = $1", c.at("id"))[0]
                .as<int>(),
            1);
}

TEST_F(CustomersApi, PatchOfReadOnlyFieldsOrNullNameIs400) {
  const json c = new_customer();
  const auto a = patch(path_of(c), {{"id", 1}, {"created_at", "x"}, {"name", nullptr}});
  EXPECT_EQ(a.status, 400);
  EXPECT_THAT(fields_of(a), UnorderedElementsAre("id", "created_at", "name"));
}

TEST_F(CustomersApi, PatchOfAnUnknownIdIs404ButABadBodyIs400First) {
  EXPECT_EQ(patch("/customers/9223372036854775807", {{"name", "X"}}).status, 404);
  EXPECT_EQ(patch("/customers/9223372036854775807", {{"email", "bad"}}).status, 400);
  EXPECT_THAT(fields_of(patch("/customers/abc", {{"email", "bad"}})),
              UnorderedElementsAre("id", "email"));
}

TEST_F(CustomersApi, PatchToATakenEmailIs409ButOnlyChangingItsCaseIsNot) {
  const json a = new_customer();
  const json b = new_customer();
  const auto taken = patch(path_of(b), {{"email", a.at("email")}});
  EXPECT_EQ(taken.status, 409);
  EXPECT_THAT(fields_of(taken), ElementsAre("email"));
  std::string own = b.at("email");
  own[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(own[0])));
  const auto recased = patch(path_of(b), {{"email", own}});
  EXPECT_EQ(recased.status, 200) << recased.raw.body;
  EXPECT_EQ(recased.body.at("email"), own);
}

// ---- DELETE /customers/{id}

TEST_F(CustomersApi, DeleteIs204ThenTheCustomerIsGone) {
  const json c = new_customer({{"addresses", {address("Garanhuns")}}});
  const auto a = send("DELETE", path_of(c));
  EXPECT_EQ(a.status, 204);
  EXPECT_TRUE(a.raw.body.empty());
  EXPECT_EQ(get(path_of(c)).status, 404);
  EXPECT_EQ(send("DELETE", path_of(c)).status, 404);
  EXPECT_EQ(pg_row("SELECT count(*) FROM customer_addresses WHERE customer_id = $1", c.at("id"))[0]
                .as<int>(),
            0);
}

TEST_F(CustomersApi, DeleteWithAMalformedIdIs400) {
  EXPECT_THAT(fields_of(send("DELETE", "/customers/x1")), ElementsAre("id"));
}

// ---- GET /customers/{id}/orders, and DELETE while orders exist

TEST_F(CustomersApi, OrdersOfACustomerWithoutOrdersIsAnEmptyPage) {
  const json c = new_customer();
  const auto a = get(path_of(c) + "/orders");
  ASSERT_EQ(a.status, 200) << a.raw.body;
  EXPECT_EQ(a.body.at("items"), json::array());
  EXPECT_TRUE(a.body.at("next_cursor").is_null());
}

TEST_F(CustomersApi, OrdersOfAnUnknownOrMalformedCustomerIs404Or400) {
  EXPECT_EQ(get("/customers/9223372036854775807/orders").status, 404);
  EXPECT_THAT(fields_of(get("/customers/abc/orders?limit=0")), UnorderedElementsAre("id", "limit"));
}

TEST_F(CustomersApi, ACustomerWithOrdersListsThemAndCannotBeDeletedEvenWhenCancelled) {
  const json c = new_customer();
  const auto book = post("/books", {{"title", "Vidas Secas " + run_token()},
                                    {"authors", {"Graciliano Ramos"}},
                                    {"price", {{"amount", "39.90"}, {"currency", "BRL"}}}});
  ASSERT_EQ(book.status, 201) << book.raw.body;
  const auto order =
      post("/orders", {{"customer_id", c.at("id")},
                       {"items", {{{"book_id", book.body.at("id")}, {"quantity", 1}}}}});
  ASSERT_EQ(order.status, 201) << order.raw.body;

  const auto listed = get(path_of(c) + "/orders");
  ASSERT_EQ(listed.status, 200);
  ASSERT_EQ(listed.body.at("items").size(), 1u);
  EXPECT_EQ(listed.body["items"][0].at("id"), order.body.at("id"));
  EXPECT_EQ(listed.body["items"][0].at("customer_id"), c.at("id"));

  const auto refused = send("DELETE", path_of(c));
  EXPECT_EQ(refused.status, 409);
  EXPECT_THAT(fields_of(refused), ElementsAre("id"));

  const auto path = "/orders/" + order.body.at("id").get<std::string>();
  ASSERT_EQ(send("PATCH", path, json{{"status", "cancelled"}}.dump()).status, 200);
  EXPECT_EQ(send("DELETE", path_of(c)).status, 409);
  EXPECT_EQ(get(path_of(c)).status, 200);
}

}  // namespace
}  // namespace ld::test
