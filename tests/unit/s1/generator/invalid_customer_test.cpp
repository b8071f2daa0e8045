// Deliberately invalid customers: each breaks exactly the field it names, under S2's own
// validation of POST /customers, and together they exercise many different rules.
#include "s1/generator/invalid_customer.hpp"

#include <map>
#include <set>

#include <gtest/gtest.h>

#include "core/violations.hpp"
#include "domain/customers/customer_input.hpp"
#include "s1/generator/customer_generator.hpp"
#include "support/test_env.hpp"

namespace ld::s1 {
namespace {

std::set<std::string> violated_fields(const nlohmann::json& body) {
  Violations violations;
  read_customer(body, violations);
  std::set<std::string> fields;
  for (const auto& f : violations.fields()) fields.insert(f.field);
  return fields;
}

TEST(InvalidCustomer, EveryInvalidBodyBreaksExactlyTheFieldItNames) {
  CustomerGenerator generator(99, test::source_path("data"));
  // 2,000 bodies: each of the 28 rules about 70 times, over the address it picks and the values
  // it writes.
  for (int i = 0; i < 2'000; ++i) {
    const InvalidCustomer broken = generator.next_invalid_case();
    EXPECT_EQ(violated_fields(broken.body), std::set<std::string>{broken.field})
        << broken.rule << ": " << broken.body.dump();
  }
}

TEST(InvalidCustomer, InvalidBodiesTouchEveryPartOfACustomer) {
  CustomerGenerator generator(100, test::source_path("data"));
  std::set<std::string> rules;
  std::set<std::string> fields;
  for (int i = 0; i < 2'000; ++i) {
    const InvalidCustomer broken = generator.next_invalid_case();
    rules.insert(broken.rule);
    // "addresses[1].postal_code" -> "postal_code"
    const auto dot = broken.field.rfind('.');
    fields.insert(dot == std::string::npos ? broken.field : broken.field.substr(dot + 1));
  }
  EXPECT_GE(rules.size(), 25u);
  const std::set<std::string> expected = {"name",  "email",       "cpf",     "birth_date",
                                          "phone", "street",      "number",  "city",
                                          "state", "postal_code", "country", "addresses"};
  EXPECT_EQ(fields, expected);
}

TEST(InvalidCustomer, TheSameSeedGivesTheSameInvalidBodies) {
  CustomerGenerator a(7, test::source_path("data"));
  CustomerGenerator b(7, test::source_path("data"));
  for (int i = 0; i < 500; ++i) {
    // Interleaved with valid ones, as --invalid-rate does.
    ASSERT_EQ(a.next().dump(), b.next().dump());
    ASSERT_EQ(a.next_invalid().dump(), b.next_invalid().dump());
  }
}

TEST(InvalidCustomer, InvalidBodiesStillCarryUniqueEmails) {
  // An invalid body that clashed with a valid one could be refused for the clash (409) instead
  // of the broken rule; e-mails stay unique across both kinds.
  CustomerGenerator generator(8, test::source_path("data"));
  std::set<std::string> emails;
  for (int i = 0; i < 2'000; ++i) {
    const auto valid = generator.next();
    EXPECT_TRUE(emails.insert(valid.at("email").get<std::string>()).second);
    const auto invalid = generator.next_invalid();
    if (invalid.contains("email") && invalid["email"].is_string()) {
      const std::string email = invalid["email"];
      EXPECT_EQ(emails.count(email), 0u) << email;
    }
  }
}

TEST(InvalidCustomer, ABodyWithoutAddressIsRefused) {
  Random random(1);
  EXPECT_THROW(break_one_rule(nlohmann::json{{"name", "Ana Silva"}}, random),
               std::invalid_argument);
}

}  // namespace
}  // namespace ld::s1
