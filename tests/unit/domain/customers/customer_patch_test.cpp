// JSON merge patch of a customer (RFC 7396) under the API's rules.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "domain/customers/customer_patch.hpp"
#include "support/expect_error.hpp"

namespace ld {
namespace {

using nlohmann::json;
using test::violation_fields;
using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

Customer stored() {
  Customer c;
  c.id = 17;
  c.name = "Carla Souza";
  c.email = "carla@example.com";
  c.cpf = "52998224725";
  c.phone = "+55 21 99876-5432";
  c.birth_date = clock::Date{1979, 8, 1};
  c.addresses.push_back(
      {"Rua do Catete", "100", "casa 2", "Catete", "Rio de Janeiro", "RJ", "22220000", "BR"});
  c.created_at = 1'700'000'000'000;
  c.updated_at = 1'700'000'100'000;
  return c;
}

TEST(CustomerPatch, EmptyPatchChangesNothing) {
  const Customer next = apply_merge_patch(stored(), json::object());
  EXPECT_TRUE(same_details(next, stored()));
  EXPECT_EQ(next.updated_at, stored().updated_at);
}

TEST(CustomerPatch, GivenFieldsReplaceTheirValues) {
  const Customer next = apply_merge_patch(stored(), {{"name", " Carla S. "}, {"phone", "123"}});
  EXPECT_EQ(next.name, "Carla S.");
  EXPECT_EQ(next.phone, "123");
  EXPECT_EQ(next.email, "carla@example.com");
  EXPECT_EQ(next.addresses, stored().addresses);
}

TEST(CustomerPatch, KeepsIdAndTimes) {
  const Customer next = apply_merge_patch(stored(), {{"name", "Outra"}});
  EXPECT_EQ(next.id, 17);
  EXPECT_EQ(next.created_at, stored().created_at);
  EXPECT_EQ(next.updated_at, stored().updated_at);
}

TEST(CustomerPatch, NullRemovesOptionalFields) {
  const Customer next =
      apply_merge_patch(stored(), {{"cpf", nullptr}, {"phone", nullptr}, {"birth_date", nullptr}});
  EXPECT_FALSE(next.cpf);
  EXPECT_FALSE(next.phone);
  EXPECT_FALSE(next.birth_date);
}

TEST(CustomerPatch, NullForNameOrEmailIsInvalid) {
  EXPECT_THAT(violation_fields([] {
                apply_merge_patch(stored(), {{"name", nullptr}});
              }),
              ElementsAre("name"));
  EXPECT_THAT(violation_fields([] {
                apply_merge_patch(stored(), {{"email", nullptr}});
              }),
              ElementsAre("email"));
}

TEST(CustomerPatch, ReadOnlyFieldsAreInvalid) {
  for (const char* key : {"id", "created_at", "updated_at"}) {
    json patch = {{key, "x"}};
    EXPECT_THAT(violation_fields([&] { apply_merge_patch(stored(), patch); }), ElementsAre(key));
  }
}

TEST(CustomerPatch, AddressesReplaceTheWholeList) {
  const json patch = {{"addresses",
                       {{{"street", "Rua Nova"},
                         {"number", "1"},
                         {"city", "Niterói"},
                         {"state", "rj"},
                         {"postal_code", "24020-000"}}}}};
  const Customer next = apply_merge_patch(stored(), patch);
  ASSERT_EQ(next.addresses.size(), 1u);
  EXPECT_EQ(next.addresses[0].street, "Rua Nova");
  EXPECT_FALSE(next.addresses[0].complement);  // nothing merged from the old address
}

TEST(CustomerPatch, NullAddressesEmptyTheList) {
  EXPECT_TRUE(apply_merge_patch(stored(), {{"addresses", nullptr}}).addresses.empty());
  EXPECT_TRUE(apply_merge_patch(stored(), {{"addresses", json::array()}}).addresses.empty());
}

TEST(CustomerPatch, ValuesFollowTheSameRulesAsANewCustomer) {
  EXPECT_THAT(violation_fields([] {
                apply_merge_patch(stored(), {{"email", "x"}, {"cpf", "111.111.111-11"}});
              }),
              UnorderedElementsAre("email", "cpf"));
}

TEST(CustomerPatch, EveryViolationIsReportedAtOnce) {
  EXPECT_THAT(
      violation_fields([] {
        apply_merge_patch(stored(), {{"id", 3}, {"name", nullptr}, {"birth_date", "1999-13-01"}});
      }),
      UnorderedElementsAre("id", "name", "birth_date"));
}

TEST(CustomerPatch, UnknownFieldsAreIgnored) {
  EXPECT_TRUE(same_details(apply_merge_patch(stored(), {{"nickname", "Cacá"}}), stored()));
}

TEST(CustomerPatch, APatchIsValidatedOnItsOwn) {
  EXPECT_NO_THROW(validate_merge_patch({{"phone", "123"}}));
  EXPECT_NO_THROW(validate_merge_patch(json::object()));
  EXPECT_THAT(violation_fields([] {
                validate_merge_patch({{"email", "nope"}, {"id", 1}});
              }),
              UnorderedElementsAre("email", "id"));
}

}  // namespace
}  // namespace ld
