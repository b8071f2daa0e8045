// Request bodies: what the API accepts as JSON and what it refuses, naming the field.
#include "core/json_input.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace ld {
namespace {

std::string nested(int depth) {
  std::string body = "{\"a\":";
  for (int i = 1; i < depth - 1; ++i) body += "[";
  body += "1";
  for (int i = 1; i < depth - 1; ++i) body += "]";
  return body + "}";
}

FieldError first_error(const std::string& body) {
  try {
    json_input::parse_object(body);
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::invalid);
    EXPECT_FALSE(e.fields().empty());
    return e.fields().front();
  }
  ADD_FAILURE() << "accepted: " << body;
  return {};
}

TEST(JsonInput, AcceptsAnObject) {
  const auto doc = json_input::parse_object(R"({"name": "D'Ávila"})");
  EXPECT_EQ(doc["name"], "D'Ávila");
}

TEST(JsonInput, MalformedJsonNamesTheBody) {
  EXPECT_EQ(first_error("{\"a\": ").field, "body");
}

TEST(JsonInput, NonObjectIsRefused) {
  EXPECT_EQ(first_error("[1,2]").message, "must be a JSON object");
  EXPECT_EQ(first_error("\"text\"").field, "body");
}

TEST(JsonInput, NestingOf32IsAccepted) {
  // The object is depth 1, so 30 arrays plus the innermost value's array make 32 levels.
  EXPECT_NO_THROW(json_input::parse_object(nested(32)));
}

TEST(JsonInput, NestingDeeperThan32IsRefused) {
  EXPECT_NE(first_error(nested(34)).message.find("32"), std::string::npos);
}

TEST(JsonInput, HostileNestingIsRefusedCheaply) {
  EXPECT_EQ(first_error(std::string(100000, '[')).field, "body");
}

TEST(JsonInput, InvalidUtf8IsRefused) {
  EXPECT_NE(first_error("{\"a\": \"\xC3\x28\"}").message.find("UTF-8"), std::string::npos);
}

TEST(JsonInput, NulCharactersAreRefusedWithTheirPath) {
  EXPECT_EQ(first_error(R"({"a": {"b": ["x", "y\u0000"]}})").field, "a.b[1]");
}

TEST(JsonInput, NumbersBeyondADoubleNameTheirField) {
  EXPECT_EQ(first_error(R"({"stock": 1e400})").field, "stock");
  EXPECT_EQ(first_error(R"({"price": {"amount": -1e400}})").field, "price.amount");
  EXPECT_EQ(first_error(R"({"items": [{"quantity": 1}, {"quantity": 1E+999}]})").field,
            "items[1].quantity");
  EXPECT_EQ(first_error(R"({"authors": ["a", ["b"], 2, -1e400]})").field, "authors[3]");
  EXPECT_EQ(first_error(R"({"x": [], "y": 1e400})").message, "is a number out of range");
}

TEST(JsonInput, DuplicateKeysAreRefusedNamingTheKey) {
  EXPECT_EQ(first_error(R"({"name": "a", "name": "b"})").field, "name");
  EXPECT_EQ(first_error(R"({"addresses": [{"city": "x"}, {"city": "y", "city": "z"}]})").field,
            "addresses[1].city");
  EXPECT_EQ(first_error(R"({"a": {"b": 1}, "c": {"b": 2}, "a": 3})").message,
            "must not appear more than once");
  // The same key in sibling objects is no duplicate.
  EXPECT_NO_THROW(json_input::parse_object(R"({"a": {"k": 1}, "b": {"k": 2}, "c": [{"k": 3}]})"));
}

TEST(JsonInput, FractionsAndTinyExponentsAreNoIntegers) {
  Violations v;
  const auto doc = json_input::parse_object(R"({"a": 1.0, "b": 1e-400, "c": 2e3, "d": -0.0})");
  for (const char* key : {"a", "b", "c", "d"}) {
    EXPECT_FALSE(json_input::integer(doc, key, "", v, true, 0, 1000000000)) << key;
  }
  ASSERT_EQ(v.fields().size(), 4U);
  for (const auto& f : v.fields()) EXPECT_EQ(f.message, "must be an integer") << f.field;
}

TEST(JsonInput, IntegersOutsideTheirRangeNameTheField) {
  Violations v;
  const auto doc =
      nlohmann::json::parse(R"({"q": 1e30, "r": 2.5, "s": "3", "t": 18446744073709551615})");
  EXPECT_FALSE(json_input::integer(doc, "q", "", v, true, 1, 100));
  EXPECT_FALSE(json_input::integer(doc, "r", "", v, true, 1, 100));
  EXPECT_FALSE(json_input::integer(doc, "s", "", v, true, 1, 100));
  EXPECT_FALSE(json_input::integer(doc, "t", "", v, true, 1, 100));
  ASSERT_EQ(v.fields().size(), 4U);
  EXPECT_EQ(v.fields()[0].field, "q");
  EXPECT_EQ(v.fields()[1].message, "must be an integer");
}

TEST(JsonInput, TextIsTrimmedAndCountedInCharacters) {
  Violations v;
  const auto doc = nlohmann::json::parse(R"({"name": "  Conceição  ", "empty": "   "})");
  EXPECT_EQ(json_input::text(doc, "name", "", v, true, 9), "Conceição");
  EXPECT_FALSE(json_input::text(doc, "empty", "", v, true, 10));
  ASSERT_EQ(v.fields().size(), 1U);
  EXPECT_EQ(v.fields()[0].field, "empty");
}

TEST(JsonInput, NumbersWrittenWithMoreThanTwoDecimalsAreFoundByPath) {
  // 39.900 and 39.9 parse to one double; only the text tells them apart.
  const std::string body =
      R"({"price": {"amount": 39.900, "currency": "BRL"}, "rating": 4.5, "cents": 3990,)"
      R"( "scores": [1.25, 0.125, {"x": 3.999e-1}], "big": 3990e-2, "tiny": 4e-3})";
  EXPECT_EQ(json_input::numbers_with_more_than_two_decimals(body),
            (std::set<std::string>{"price.amount", "scores[1]", "scores[2].x", "tiny"}));
}

TEST(JsonInput, AnExponentCountsAgainstTheWrittenDecimals) {
  EXPECT_TRUE(
      json_input::numbers_with_more_than_two_decimals(R"({"a": 3.99e1, "b": 1E+2})").empty());
  EXPECT_EQ(json_input::numbers_with_more_than_two_decimals(R"({"a": 0.1e-2})"),
            (std::set<std::string>{"a"}));
  // A huge exponent saturates instead of overflowing.
  EXPECT_TRUE(json_input::numbers_with_more_than_two_decimals(R"({"a": 0.5e99999999999999999999})")
                  .empty());
}

}  // namespace
}  // namespace ld
