// How a customer is shown by the API.
#include <gtest/gtest.h>

#include "domain/customers/customer_json.hpp"

namespace ld {
namespace {

TEST(CustomerJson, UnsetOptionalFieldsAreLeftOut) {
  Customer c;
  c.id = 5;
  c.name = "Rui";
  c.email = "rui@example.com";
  const auto j = to_json(c);
  EXPECT_FALSE(j.contains("cpf"));
  EXPECT_FALSE(j.contains("phone"));
  EXPECT_FALSE(j.contains("birth_date"));
  EXPECT_EQ(j.at("id"), 5);
}

TEST(CustomerJson, AddressesAreAlwaysPresent) {
  Customer c;
  EXPECT_EQ(to_json(c).at("addresses"), nlohmann::json::array());
}

TEST(CustomerJson, TimesAreRfc3339WithMilliseconds) {
  Customer c;
  c.created_at = 1'764'504'000'123;  // 2025-11-30T12:00:00.123Z
  c.updated_at = 1'764'504'000'000;
  const auto j = to_json(c);
  EXPECT_EQ(j.at("created_at"), "2025-11-30T12:00:00.123Z");
  EXPECT_EQ(j.at("updated_at"), "2025-11-30T12:00:00.000Z");
}

TEST(CustomerJson, BirthDateIsYyyyMmDd) {
  Customer c;
  c.birth_date = clock::Date{1901, 2, 3};
  EXPECT_EQ(to_json(c).at("birth_date"), "1901-02-03");
}

TEST(CustomerJson, AddressOptionalFieldsAreLeftOutWhenUnset) {
  const Address a{"Rua A", "s/n", std::nullopt, "Centro", "Olinda", "PE", "53000000", "BR"};
  const auto j = to_json(a);
  EXPECT_FALSE(j.contains("complement"));
  EXPECT_EQ(j.at("district"), "Centro");
  EXPECT_EQ(j.at("number"), "s/n");
  EXPECT_EQ(j.at("postal_code"), "53000000");
}

TEST(CustomerJson, WritableJsonHasNoIdNorTimes) {
  const auto j = writable_json(Customer{});
  EXPECT_FALSE(j.contains("id"));
  EXPECT_FALSE(j.contains("created_at"));
  EXPECT_FALSE(j.contains("updated_at"));
}

}  // namespace
}  // namespace ld
