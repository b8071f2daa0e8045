// POST /orders and PATCH /orders/{id} body rules, one test per rule, each checking the field
// path the 400 names.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "domain/orders/order_request.hpp"
#include "support/expect_error.hpp"

namespace ld {
namespace {

using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

const std::string kBookA = "65f0a1b2c3d4e5f601234567";
const std::string kBookB = "65f0a1b2c3d4e5f601234568";

json valid_body() {
  return {
      {"customer_id", 17},
      {"items", {{{"book_id", kBookA}, {"quantity", 2}}, {{"book_id", kBookB}, {"quantity", 1}}}}};
}

std::vector<std::string> request_fields(const json& body) {
  return test::error_fields(ErrorKind::invalid, [&] { read_order_request(body); });
}

std::vector<std::string> with_customer(json value) {
  json body = valid_body();
  body["customer_id"] = std::move(value);
  return request_fields(body);
}

std::vector<std::string> with_item(std::size_t i, const std::string& key, json value) {
  json body = valid_body();
  body["items"][i][key] = std::move(value);
  return request_fields(body);
}

json items_of(std::size_t n) {
  json items = json::array();
  for (std::size_t i = 0; i < n; ++i) {
    items.push_back({{"book_id", fmt::format("{:024x}", i + 1)}, {"quantity", 1}});
  }
  return items;
}

TEST(OrderRequest, AValidRequestKeepsItemsInOrder) {
  const auto request = read_order_request(valid_body());
  EXPECT_EQ(request.customer_id, 17);
  ASSERT_EQ(request.items.size(), 2u);
  EXPECT_EQ(request.items[0].book_id, kBookA);
  EXPECT_EQ(request.items[0].quantity, 2);
  EXPECT_EQ(request.items[1].book_id, kBookB);
}

TEST(OrderRequest, BookIdsAreAcceptedInEitherCaseAndLowerCased) {
  json body = valid_body();
  body["items"][0]["book_id"] = "65F0A1B2C3D4E5F601234567";
  EXPECT_EQ(read_order_request(body).items[0].book_id, kBookA);
}

TEST(OrderRequest, CustomerIdIsRequired) {
  json body = valid_body();
  body.erase("customer_id");
  EXPECT_THAT(request_fields(body), ElementsAre("customer_id"));
  EXPECT_THAT(with_customer(nullptr), ElementsAre("customer_id"));
}

TEST(OrderRequest, CustomerIdMustBeAPositiveInteger) {
  EXPECT_THAT(with_customer(0), ElementsAre("customer_id"));
  EXPECT_THAT(with_customer(-5), ElementsAre("customer_id"));
  EXPECT_THAT(with_customer(1.5), ElementsAre("customer_id"));
  EXPECT_THAT(with_customer("17"), ElementsAre("customer_id"));
  EXPECT_THAT(with_customer(true), ElementsAre("customer_id"));
}

TEST(OrderRequest, CustomerIdUpTo2Pow63Minus1) {
  json body = valid_body();
  body["customer_id"] = 9223372036854775807LL;
  EXPECT_EQ(read_order_request(body).customer_id, 9223372036854775807LL);
  EXPECT_THAT(with_customer(json::parse("9223372036854775808")), ElementsAre("customer_id"));
  EXPECT_THAT(with_customer(json::parse("1e30")), ElementsAre("customer_id"));
}

TEST(OrderRequest, ItemsAreRequired) {
  json body = valid_body();
  body.erase("items");
  EXPECT_THAT(request_fields(body), ElementsAre("items"));
}

TEST(OrderRequest, ItemsMustBeAnArray) {
  json body = valid_body();
  body["items"] = {{"book_id", kBookA}, {"quantity", 1}};
  EXPECT_THAT(request_fields(body), ElementsAre("items"));
}

TEST(OrderRequest, AtLeastOneItem) {
  json body = valid_body();
  body["items"] = json::array();
  EXPECT_THAT(request_fields(body), ElementsAre("items"));
}

TEST(OrderRequest, AtMostFiftyItems) {
  json body = valid_body();
  body["items"] = items_of(50);
  EXPECT_EQ(read_order_request(body).items.size(), 50u);
  body["items"] = items_of(51);
  EXPECT_THAT(request_fields(body), ElementsAre("items"));
}

TEST(OrderRequest, EachItemMustBeAnObject) {
  json body = valid_body();
  body["items"][1] = "65f0a1b2c3d4e5f601234568";
  EXPECT_THAT(request_fields(body), ElementsAre("items[1]"));
}

TEST(OrderRequest, BookIdIsRequired) {
  json body = valid_body();
  body["items"][1].erase("book_id");
  EXPECT_THAT(request_fields(body), ElementsAre("items[1].book_id"));
}

TEST(OrderRequest, BookIdMustBe24HexDigits) {
  EXPECT_THAT(with_item(0, "book_id", "65f0a1b2c3d4e5f60123456"), ElementsAre("items[0].book_id"));
  EXPECT_THAT(with_item(0, "book_id", "65f0a1b2c3d4e5f60123456g"), ElementsAre("items[0].book_id"));
  EXPECT_THAT(with_item(1, "book_id", 1234), ElementsAre("items[1].book_id"));
  EXPECT_THAT(with_item(1, "book_id", json::object({{"$gt", ""}})),
              ElementsAre("items[1].book_id"));
}

TEST(OrderRequest, QuantityIsRequired) {
  json body = valid_body();
  body["items"][0].erase("quantity");
  EXPECT_THAT(request_fields(body), ElementsAre("items[0].quantity"));
}

TEST(OrderRequest, QuantityFrom1To100) {
  EXPECT_THAT(with_item(0, "quantity", 0), ElementsAre("items[0].quantity"));
  EXPECT_THAT(with_item(0, "quantity", -1), ElementsAre("items[0].quantity"));
  EXPECT_THAT(with_item(1, "quantity", 101), ElementsAre("items[1].quantity"));
  json body = valid_body();
  body["items"][0]["quantity"] = 100;
  EXPECT_EQ(read_order_request(body).items[0].quantity, 100);
}

TEST(OrderRequest, QuantityMustBeAnIntegerNumber) {
  EXPECT_THAT(with_item(0, "quantity", 1.5), ElementsAre("items[0].quantity"));
  EXPECT_THAT(with_item(0, "quantity", "2"), ElementsAre("items[0].quantity"));
  EXPECT_THAT(with_item(0, "quantity", json::parse("18446744073709551616")),
              ElementsAre("items[0].quantity"));
}

TEST(OrderRequest, BookIdsMustBeDistinct) {
  json body = valid_body();
  body["items"][1]["book_id"] = kBookA;
  EXPECT_THAT(request_fields(body), ElementsAre("items[1].book_id"));
}

TEST(OrderRequest, BookIdsDifferingOnlyInCaseAreTheSameBook) {
  json body = valid_body();
  body["items"][1]["book_id"] = "65F0A1B2C3D4E5F601234567";
  EXPECT_THAT(request_fields(body), ElementsAre("items[1].book_id"));
}

TEST(OrderRequest, EveryViolationIsReportedAtOnce) {
  json items = json::array();
  items.push_back({{"book_id", kBookA}, {"quantity", 0}});
  items.push_back({{"book_id", "nope"}, {"quantity", 1}});
  items.push_back({{"book_id", kBookA}, {"quantity", 3}});
  const json body = {{"customer_id", "x"}, {"items", items}};
  EXPECT_THAT(request_fields(body), UnorderedElementsAre("customer_id", "items[0].quantity",
                                                         "items[1].book_id", "items[2].book_id"));
}

TEST(OrderRequest, ServerSetFieldsAreRefused) {
  json body = valid_body();
  body["status"] = "paid";
  body["total"] = {{"amount", "1.00"}, {"currency", "BRL"}};
  body["items"][0]["unit_price"] = {{"amount", "0.01"}, {"currency", "BRL"}};
  EXPECT_THAT(request_fields(body), UnorderedElementsAre("status", "total", "items[0].unit_price"));
}

TEST(OrderRequest, UnknownFieldsAreRefused) {
  json body = valid_body();
  body["coupon"] = "FREE";
  body["items"][1]["gift"] = true;
  EXPECT_THAT(request_fields(body), UnorderedElementsAre("coupon", "items[1].gift"));
}

std::vector<std::string> patch_fields(const json& body) {
  return test::error_fields(ErrorKind::invalid, [&] { read_status_change(body); });
}

TEST(StatusChange, EmptyPatchChangesNothing) {
  EXPECT_EQ(read_status_change(json::object()), std::nullopt);
}

TEST(StatusChange, StatusIsRead) {
  EXPECT_EQ(read_status_change({{"status", "paid"}}), OrderStatus::paid);
  EXPECT_EQ(read_status_change({{"status", "cancelled"}}), OrderStatus::cancelled);
}

TEST(StatusChange, UnknownStatusIs400) {
  EXPECT_THAT(patch_fields({{"status", "lost"}}), ElementsAre("status"));
  EXPECT_THAT(patch_fields({{"status", "PAID"}}), ElementsAre("status"));
  EXPECT_THAT(patch_fields({{"status", 2}}), ElementsAre("status"));
  EXPECT_THAT(patch_fields({{"status", nullptr}}), ElementsAre("status"));
}

TEST(StatusChange, ReadOnlyFieldsAre400) {
  EXPECT_THAT(patch_fields({{"status", "paid"}, {"items", json::array()}}), ElementsAre("items"));
  EXPECT_THAT(patch_fields({{"total", {{"amount", "0.00"}, {"currency", "BRL"}}}}),
              ElementsAre("total"));
  EXPECT_THAT(patch_fields({{"id", "x"}, {"created_at", "x"}, {"updated_at", "x"}}),
              UnorderedElementsAre("id", "created_at", "updated_at"));
  EXPECT_THAT(patch_fields({{"customer_id", 3}}), ElementsAre("customer_id"));
}

TEST(StatusChange, UnknownFieldsAre400) {
  EXPECT_THAT(patch_fields({{"status", "paid"}, {"note", "hi"}}), ElementsAre("note"));
}

}  // namespace
}  // namespace ld
