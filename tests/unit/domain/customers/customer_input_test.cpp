// POST /customers body rules, one test per rule of the API contract.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "domain/customers/customer_input.hpp"
#include "support/expect_error.hpp"

namespace ld {
namespace {

using nlohmann::json;
using test::violation_fields;
using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

json valid_body() {
  return {{"name", "Maria da Conceição"},
          {"email", "maria@example.com.br"},
          {"cpf", "529.982.247-25"},
          {"phone", "+55 11 91234-5678"},
          {"birth_date", "1985-04-12"},
          {"addresses",
           {{{"street", "Avenida Paulista"},
             {"number", "1578"},
             {"city", "São Paulo"},
             {"state", "SP"},
             {"postal_code", "01310-200"}}}}};
}

std::vector<std::string> fields_with(const std::string& key, json value) {
  json body = valid_body();
  body[key] = std::move(value);
  return violation_fields([&] { parse_customer(body); });
}

std::vector<std::string> fields_without(const std::string& key) {
  json body = valid_body();
  body.erase(key);
  return violation_fields([&] { parse_customer(body); });
}

TEST(CustomerInput, AValidBodyGivesTheCustomer) {
  const Customer c = parse_customer(valid_body());
  EXPECT_EQ(c.name, "Maria da Conceição");
  EXPECT_EQ(c.email, "maria@example.com.br");
  EXPECT_EQ(c.cpf, "52998224725");
  EXPECT_EQ(c.phone, "+55 11 91234-5678");
  EXPECT_EQ(c.birth_date, (clock::Date{1985, 4, 12}));
  ASSERT_EQ(c.addresses.size(), 1u);
  EXPECT_EQ(c.addresses[0].postal_code, "01310200");
  EXPECT_EQ(c.id, 0);
}

TEST(CustomerInput, OnlyNameAndEmailAreRequired) {
  const Customer c = parse_customer({{"name", "Ana"}, {"email", "ana@example.com"}});
  EXPECT_FALSE(c.cpf);
  EXPECT_FALSE(c.phone);
  EXPECT_FALSE(c.birth_date);
  EXPECT_TRUE(c.addresses.empty());
}

TEST(CustomerInput, NameIsRequired) {
  EXPECT_THAT(fields_without("name"), ElementsAre("name"));
}

TEST(CustomerInput, NameIsTrimmed) {
  json body = valid_body();
  body["name"] = "  João Silva \t";
  EXPECT_EQ(parse_customer(body).name, "João Silva");
}

TEST(CustomerInput, NameEmptyAfterTrimmingIsInvalid) {
  EXPECT_THAT(fields_with("name", "   "), ElementsAre("name"));
}

TEST(CustomerInput, NameMustBeAString) {
  EXPECT_THAT(fields_with("name", 42), ElementsAre("name"));
}

TEST(CustomerInput, NameHasAtMost200CharactersCountedAsUnicode) {
  std::string name;
  for (int i = 0; i < 200; ++i) name += "ç";  // 400 bytes, 200 characters
  json body = valid_body();
  body["name"] = name;
  EXPECT_EQ(parse_customer(body).name, name);
  EXPECT_THAT(fields_with("name", name + "a"), ElementsAre("name"));
}

TEST(CustomerInput, NamesWithApostrophesAndSqlTextAreValid) {
  json body = valid_body();
  body["name"] = "Luíza D'Ávila";
  EXPECT_EQ(parse_customer(body).name, "Luíza D'Ávila");
  body["name"] = "'); DROP TABLE x;--";
  EXPECT_EQ(parse_customer(body).name, "'); DROP TABLE x;--");
}

TEST(CustomerInput, EmailIsRequired) {
  EXPECT_THAT(fields_without("email"), ElementsAre("email"));
}

TEST(CustomerInput, EmailIsStoredAsGiven) {
  json body = valid_body();
  body["email"] = " Maria.Silva@Example.COM ";
  EXPECT_EQ(parse_customer(body).email, "Maria.Silva@Example.COM");
}

TEST(CustomerInput, EmailNeedsExactlyOneAt) {
  EXPECT_THAT(fields_with("email", "maria.example.com"), ElementsAre("email"));
  EXPECT_THAT(fields_with("email", "maria@@example.com"), ElementsAre("email"));
  EXPECT_THAT(fields_with("email", "ma@ria@example.com"), ElementsAre("email"));
}

TEST(CustomerInput, EmailNeedsALocalPart) {
  EXPECT_THAT(fields_with("email", "@example.com"), ElementsAre("email"));
}

TEST(CustomerInput, EmailDomainNeedsADot) {
  EXPECT_THAT(fields_with("email", "maria@localhost"), ElementsAre("email"));
  EXPECT_THAT(fields_with("email", "maria@example."), ElementsAre("email"));
  EXPECT_THAT(fields_with("email", "maria@.example"), ElementsAre("email"));
}

TEST(CustomerInput, EmailHasNoSpaces) {
  EXPECT_THAT(fields_with("email", "maria silva@example.com"), ElementsAre("email"));
}

TEST(CustomerInput, EmailHasAtMost254Characters) {
  const std::string domain = std::string(240, 'a') + ".com";                           // 244
  EXPECT_NO_THROW(parse_customer({{"name", "A"}, {"email", "abcdefghi@" + domain}}));  // 254
  EXPECT_THAT(fields_with("email", "abcdefghij@" + domain), ElementsAre("email"));     // 255
}

TEST(CustomerInput, CpfIsAcceptedWithOrWithoutPunctuationAndKeptAsDigits) {
  json body = valid_body();
  body["cpf"] = "52998224725";
  EXPECT_EQ(parse_customer(body).cpf, "52998224725");
  body["cpf"] = "529.982.247-25";
  EXPECT_EQ(parse_customer(body).cpf, "52998224725");
}

TEST(CustomerInput, CpfWithWrongCheckDigitsIsInvalid) {
  EXPECT_THAT(fields_with("cpf", "529.982.247-26"), ElementsAre("cpf"));
}

TEST(CustomerInput, CpfOfOneRepeatedDigitIsInvalid) {
  EXPECT_THAT(fields_with("cpf", "111.111.111-11"), ElementsAre("cpf"));
}

TEST(CustomerInput, CpfEmptyStringIsInvalid) {
  EXPECT_THAT(fields_with("cpf", ""), ElementsAre("cpf"));
}

TEST(CustomerInput, CpfMustBeAString) {
  EXPECT_THAT(fields_with("cpf", 52998224725LL), ElementsAre("cpf"));
}

TEST(CustomerInput, CpfNullMeansNoCpf) {
  json body = valid_body();
  body["cpf"] = nullptr;
  EXPECT_FALSE(parse_customer(body).cpf);
}

TEST(CustomerInput, PhoneHasAtMost30Characters) {
  EXPECT_THAT(fields_with("phone", std::string(31, '9')), ElementsAre("phone"));
  json body = valid_body();
  body["phone"] = std::string(30, '9');
  EXPECT_EQ(parse_customer(body).phone, std::string(30, '9'));
}

TEST(CustomerInput, BirthDateMustBeARealDate) {
  EXPECT_THAT(fields_with("birth_date", "1990-02-30"), ElementsAre("birth_date"));
  EXPECT_THAT(fields_with("birth_date", "12/04/1985"), ElementsAre("birth_date"));
  EXPECT_THAT(fields_with("birth_date", 19850412), ElementsAre("birth_date"));
}

TEST(CustomerInput, BirthDateNotBefore1900) {
  EXPECT_THAT(fields_with("birth_date", "1899-12-31"), ElementsAre("birth_date"));
  json body = valid_body();
  body["birth_date"] = "1900-01-01";
  EXPECT_EQ(parse_customer(body).birth_date, (clock::Date{1900, 1, 1}));
}

TEST(CustomerInput, BirthDateMustBeBeforeTodayUtc) {
  EXPECT_THAT(fields_with("birth_date", clock::format_date(clock::today_utc())),
              ElementsAre("birth_date"));
  EXPECT_THAT(fields_with("birth_date", "2999-01-01"), ElementsAre("birth_date"));
}

TEST(CustomerInput, AddressesMustBeAnArray) {
  EXPECT_THAT(fields_with("addresses", json::object()), ElementsAre("addresses"));
}

TEST(CustomerInput, AtMost20Addresses) {
  json body = valid_body();
  json many = json::array();
  for (int i = 0; i < 21; ++i) many.push_back(body["addresses"][0]);
  EXPECT_THAT(fields_with("addresses", many), ElementsAre("addresses"));
}

TEST(CustomerInput, UnknownTopLevelFieldsAreIgnored) {
  json body = valid_body();
  body["favourite_genre"] = "poesia";
  body["id"] = 99;
  EXPECT_EQ(parse_customer(body).id, 0);
}

TEST(CustomerInput, EveryInvalidFieldIsReportedAtOnce) {
  json body = {{"name", ""},
               {"email", "nope"},
               {"cpf", "123"},
               {"phone", std::string(40, '1')},
               {"birth_date", "1800-01-01"},
               {"addresses",
                {{{"street", "Rua A"},
                  {"number", 10},
                  {"city", "Recife"},
                  {"state", "XX"},
                  {"postal_code", "5000"}}}}};
  EXPECT_THAT(
      violation_fields([&] { parse_customer(body); }),
      UnorderedElementsAre("name", "email", "cpf", "phone", "birth_date", "addresses[0].number",
                           "addresses[0].state", "addresses[0].postal_code"));
}

}  // namespace
}  // namespace ld
