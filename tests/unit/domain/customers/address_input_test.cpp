// Address rules of a customer: UF, CEP, ISO country, string numbers, order kept.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "domain/customers/customer_input.hpp"
#include "support/expect_error.hpp"

namespace ld {
namespace {

using nlohmann::json;
using test::violation_fields;
using ::testing::ElementsAre;

json address() {
  return {{"street", "Rua das Flores"},
          {"number", "s/n"},
          {"city", "Curitiba"},
          {"state", "pr"},
          {"postal_code", "80010000"}};
}

json body_with(json a) {
  return {
      {"name", "Ana"}, {"email", "ana@example.com"}, {"addresses", json::array({std::move(a)})}};
}

std::vector<std::string> fields_with(const std::string& key, json value) {
  json a = address();
  a[key] = std::move(value);
  return violation_fields([&] { parse_customer(body_with(a)); });
}

std::vector<std::string> fields_without(const std::string& key) {
  json a = address();
  a.erase(key);
  return violation_fields([&] { parse_customer(body_with(a)); });
}

Address parsed(json a) {
  return parse_customer(body_with(std::move(a))).addresses.at(0);
}

TEST(AddressInput, StreetNumberCityStateAndPostalCodeAreRequired) {
  for (const char* key : {"street", "number", "city", "state", "postal_code"}) {
    EXPECT_THAT(fields_without(key), ElementsAre(std::string("addresses[0].") + key)) << key;
  }
}

TEST(AddressInput, NumberIsAStringAndSnIsAllowed) {
  EXPECT_EQ(parsed(address()).number, "s/n");
  EXPECT_THAT(fields_with("number", 150), ElementsAre("addresses[0].number"));
}

TEST(AddressInput, StateIsAUfInAnyCaseReturnedUppercase) {
  EXPECT_EQ(parsed(address()).state, "PR");
  EXPECT_THAT(fields_with("state", "XX"), ElementsAre("addresses[0].state"));
  EXPECT_THAT(fields_with("state", "Paraná"), ElementsAre("addresses[0].state"));
}

TEST(AddressInput, PostalCodeIsACepWithOrWithoutHyphenKeptAsEightDigits) {
  json a = address();
  a["postal_code"] = "80010-000";
  EXPECT_EQ(parsed(a).postal_code, "80010000");
  EXPECT_THAT(fields_with("postal_code", "8001-0000"), ElementsAre("addresses[0].postal_code"));
  EXPECT_THAT(fields_with("postal_code", "8001000"), ElementsAre("addresses[0].postal_code"));
  EXPECT_THAT(fields_with("postal_code", 80010000), ElementsAre("addresses[0].postal_code"));
}

TEST(AddressInput, CountryDefaultsToBR) {
  EXPECT_EQ(parsed(address()).country, "BR");
}

TEST(AddressInput, CountryIsAnIsoAlpha2Code) {
  json a = address();
  a["country"] = "pt";
  EXPECT_EQ(parsed(a).country, "PT");
  EXPECT_THAT(fields_with("country", "BRA"), ElementsAre("addresses[0].country"));
  EXPECT_THAT(fields_with("country", "XZ"), ElementsAre("addresses[0].country"));
}

TEST(AddressInput, ComplementAndDistrictAreOptional) {
  const Address plain = parsed(address());
  EXPECT_FALSE(plain.complement);
  EXPECT_FALSE(plain.district);
  json a = address();
  a["complement"] = "apto 42";
  a["district"] = "Centro";
  const Address full = parsed(a);
  EXPECT_EQ(full.complement, "apto 42");
  EXPECT_EQ(full.district, "Centro");
}

TEST(AddressInput, EveryTextHasALengthLimit) {
  EXPECT_THAT(fields_with("street", std::string(201, 'r')), ElementsAre("addresses[0].street"));
  EXPECT_THAT(fields_with("number", std::string(21, '1')), ElementsAre("addresses[0].number"));
  EXPECT_THAT(fields_with("complement", std::string(101, 'c')),
              ElementsAre("addresses[0].complement"));
  EXPECT_THAT(fields_with("district", std::string(101, 'd')), ElementsAre("addresses[0].district"));
  EXPECT_THAT(fields_with("city", std::string(101, 'c')), ElementsAre("addresses[0].city"));
}

TEST(AddressInput, EachAddressMustBeAnObject) {
  json body = body_with(address());
  body["addresses"].push_back("Rua B, 10");
  EXPECT_THAT(violation_fields([&] { parse_customer(body); }), ElementsAre("addresses[1]"));
}

TEST(AddressInput, OrderIsKept) {
  json body = body_with(address());
  for (const char* city : {"Natal", "Belém", "Manaus"}) {
    json a = address();
    a["city"] = city;
    body["addresses"].push_back(a);
  }
  const Customer c = parse_customer(body);
  ASSERT_EQ(c.addresses.size(), 4u);
  EXPECT_EQ(c.addresses[1].city, "Natal");
  EXPECT_EQ(c.addresses[2].city, "Belém");
  EXPECT_EQ(c.addresses[3].city, "Manaus");
}

TEST(AddressInput, PathsNameTheIndexOfTheBadAddress) {
  json body = body_with(address());
  json bad = address();
  bad["postal_code"] = "abc";
  body["addresses"].push_back(bad);
  EXPECT_THAT(violation_fields([&] { parse_customer(body); }),
              ElementsAre("addresses[1].postal_code"));
}

}  // namespace
}  // namespace ld
