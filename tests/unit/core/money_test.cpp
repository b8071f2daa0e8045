// Money: decimal strings with two places on the wire, integer cents in the stores.
#include "core/money.hpp"

#include <gtest/gtest.h>

namespace ld {
namespace {

std::optional<Money> read(const char* json, Violations& v) {
  return read_money(nlohmann::json::parse(json), "price", v);
}

TEST(Money, AmountAsStringOrNumberBecomesCents) {
  Violations v;
  EXPECT_EQ(read(R"({"amount": "39.90", "currency": "BRL"})", v)->cents, 3990);
  EXPECT_EQ(read(R"({"amount": 39.9, "currency": "BRL"})", v)->cents, 3990);
  EXPECT_EQ(read(R"({"amount": 0, "currency": "USD"})", v)->cents, 0);
  EXPECT_TRUE(v.empty());
}

TEST(Money, MoreThanTwoDecimalsAsWrittenIsRefused) {
  Violations v;
  EXPECT_FALSE(read(R"({"amount": "39.900", "currency": "BRL"})", v));
  EXPECT_FALSE(read(R"({"amount": 1.005, "currency": "BRL"})", v));
  ASSERT_EQ(v.fields().size(), 2U);
  EXPECT_EQ(v.fields()[0].field, "price.amount");
}

TEST(Money, ANumberWrittenWithMoreThanTwoDecimalsIsRefusedThoughItsValueHasTwo) {
  Violations v;
  const auto amount = nlohmann::json::parse(R"({"amount": 39.900, "currency": "BRL"})");
  EXPECT_EQ(read_money(amount, "price", v)->cents, 3990);  // the double alone is 39.9
  EXPECT_FALSE(read_money(amount, "price", v, true));
  ASSERT_EQ(v.fields().size(), 1U);
  EXPECT_EQ(v.fields()[0].field, "price.amount");
  EXPECT_EQ(v.fields()[0].message, "must have at most two decimals");
}

TEST(Money, NegativeNaNAndTooLargeAreRefused) {
  Violations v;
  EXPECT_FALSE(read(R"({"amount": "-1.00", "currency": "BRL"})", v));
  EXPECT_FALSE(read(R"({"amount": "NaN", "currency": "BRL"})", v));
  EXPECT_FALSE(read(R"({"amount": "1000000000.00", "currency": "BRL"})", v));
  EXPECT_EQ(v.fields().size(), 3U);
}

TEST(Money, CurrencyMustBeIso4217) {
  Violations v;
  EXPECT_FALSE(read(R"({"amount": "1.00", "currency": "brl"})", v));
  EXPECT_FALSE(read(R"({"amount": "1.00", "currency": "XYZ"})", v));
  EXPECT_FALSE(read(R"({"amount": "1.00"})", v));
  ASSERT_EQ(v.fields().size(), 3U);
  EXPECT_EQ(v.fields()[2].field, "price.currency");
}

TEST(Money, FormatsWithTwoDecimals) {
  EXPECT_EQ(format_amount(3990), "39.90");
  EXPECT_EQ(format_amount(5), "0.05");
  EXPECT_EQ(to_json(Money{99999999999, "BRL"})["amount"], "999999999.99");
}

}  // namespace
}  // namespace ld
