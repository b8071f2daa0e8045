// Rules every part of a book obeys, at any depth: field names, nesting, arrays, integers, NUL.
#include "domain/books/document_rules.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "domain/books/book_input.hpp"
#include "unit/domain/books/book_test_support.hpp"

namespace ld::books {

using nlohmann::json;
using test::valid_book;
using test::violation_fields;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

namespace {
std::vector<std::string> rejected_extra(const char* name, json value) {
  json body = valid_book();
  body[name] = std::move(value);
  return violation_fields([&] { read_new_book(body); });
}
// {"a": {"a": ... 1 ...}} with `levels` objects, the outermost included.
json nested(int levels) {
  json value = 1;
  for (int i = 0; i < levels; ++i) value = json{{"a", value}};
  return value;
}
}  // namespace

TEST(DocumentRules, FieldNamesStartingWithDollarAreRejectedAtTheTop) {
  EXPECT_THAT(rejected_extra("$where", "1 == 1"), ElementsAre("$where"));
}

TEST(DocumentRules, FieldNamesStartingWithDollarAreRejectedAtAnyDepth) {
  EXPECT_THAT(rejected_extra("extra", {{"$bad", 1}}), ElementsAre("extra.$bad"));
  EXPECT_THAT(rejected_extra("extra", {{"a", {{"b", {{"$gt", ""}}}}}}),
              ElementsAre("extra.a.b.$gt"));
}

TEST(DocumentRules, FieldNamesInsideArraysAreCheckedToo) {
  EXPECT_THAT(rejected_extra("list", json::array({{{"ok", 1}}, {{"$x", 1}}})),
              ElementsAre("list[1].$x"));
}

TEST(DocumentRules, FieldNamesInsideKnownFieldsAreChecked) {
  json body = valid_book();
  body["price"]["$inc"] = 1;
  EXPECT_THAT(violation_fields([&] { read_new_book(body); }), ElementsAre("price.$inc"));
}

TEST(DocumentRules, FieldNamesContainingADotAreRejected) {
  EXPECT_THAT(rejected_extra("a.b", 1), ElementsAre("a.b"));
  EXPECT_THAT(rejected_extra("extra", {{"x.y", 1}}), ElementsAre("extra.x.y"));
}

TEST(DocumentRules, FieldNamesContainingNulAreRejectedUnderTheirParent) {
  EXPECT_THAT(rejected_extra("extra", {{std::string("a\0b", 3), 1}}), ElementsAre("extra"));
  json body = valid_book();
  body[std::string("x\0", 2)] = 1;
  EXPECT_THAT(violation_fields([&] { read_new_book(body); }), ElementsAre("body"));
}

TEST(DocumentRules, EmptyFieldNamesAreRejected) {
  EXPECT_THAT(rejected_extra("extra", {{"", 1}}), ElementsAre("extra."));
}

TEST(DocumentRules, NulInTextIsRejected) {
  EXPECT_THAT(rejected_extra("note", std::string("a\0b", 3)), ElementsAre("note"));
  EXPECT_THAT(rejected_extra("title", std::string("Dom\0", 4)), ElementsAre("title"));
}

TEST(DocumentRules, ThirtyTwoLevelsAreAccepted) {
  json body = valid_book();
  body["deep"] = nested(31);  // the book is level 1
  EXPECT_NO_THROW(read_new_book(body));
}

TEST(DocumentRules, NestingDeeperThan32LevelsIsRejected) {
  json body = valid_book();
  body["deep"] = nested(32);
  const auto fields = violation_fields([&] { read_new_book(body); });
  ASSERT_EQ(fields.size(), 1u);
  EXPECT_EQ(fields[0].rfind("deep.a", 0), 0u) << fields[0];
}

TEST(DocumentRules, ArraysCountAsLevels) {
  json value = 1;
  for (int i = 0; i < 32; ++i) value = (i % 2 == 0) ? json::array({value}) : json{{"a", value}};
  Violations v;
  check_document(json{{"deep", value}}, "", 1, v);
  EXPECT_FALSE(v.empty());
}

TEST(DocumentRules, ArraysDirectlyInsideArraysAreRejected) {
  EXPECT_THAT(rejected_extra("matrix", json::array({json::array({1, 2})})),
              ElementsAre("matrix[0]"));
  // An array inside an object inside an array is fine.
  json body = valid_book();
  body["rows"] = json::array({{{"cells", {1, 2}}}});
  EXPECT_NO_THROW(read_new_book(body));
}

TEST(DocumentRules, IntegersMustFitIn64Bits) {
  EXPECT_THAT(rejected_extra("huge", json::parse("18446744073709551615")), ElementsAre("huge"));
  EXPECT_NO_THROW(read_new_book([] {
    json body = valid_book();
    body["max"] = json::parse("9223372036854775807");
    body["min"] = json::parse("-9223372036854775808");
    return body;
  }()));
}

TEST(DocumentRules, AValidDocumentHasNoViolations) {
  Violations v;
  check_document(json::parse(R"({"a": [{"b": 1}, 2, "x", null], "c": {"d": true}})"), "", 1, v);
  EXPECT_THAT(v.fields(), IsEmpty());
}

}  // namespace ld::books
