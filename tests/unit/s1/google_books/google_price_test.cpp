// Google's prices become exact cents, whatever form the number takes.
#include <gtest/gtest.h>

#include "s1/google_books/google_price.hpp"

namespace ld::s1::google_books {
namespace {

using nlohmann::json;

TEST(GooglePrice, DecimalAmountsBecomeExactCents) {
  EXPECT_EQ(scaled_decimal("39.9", 2), 3990);
  EXPECT_EQ(scaled_decimal("39.90", 2), 3990);
  EXPECT_EQ(scaled_decimal("0.1", 2), 10);
  EXPECT_EQ(scaled_decimal("19", 2), 1900);
  EXPECT_EQ(scaled_decimal("0", 2), 0);
}

TEST(GooglePrice, MicrosInExponentFormBecomeExactCents) {
  EXPECT_EQ(scaled_decimal("3.99E7", -4), 3990);
  EXPECT_EQ(scaled_decimal("1.249E+7", -4), 1249);
  EXPECT_EQ(scaled_decimal("39900000", -4), 3990);
  EXPECT_EQ(scaled_decimal("39900000.0", -4), 3990);
  EXPECT_EQ(scaled_decimal("4.49e-2", 2), 4);  // 0.0449 -> 4 cents
}

TEST(GooglePrice, SubCentRemaindersRoundHalfUp) {
  EXPECT_EQ(scaled_decimal("12.345", 2), 1235);
  EXPECT_EQ(scaled_decimal("12.344", 2), 1234);
  EXPECT_EQ(scaled_decimal("12345", -4), 1);  // 1.2345 cents
  EXPECT_EQ(scaled_decimal("45", -4), 0);     // far below a cent
}

TEST(GooglePrice, RejectsWhatIsNotANonNegativeNumber) {
  EXPECT_FALSE(scaled_decimal("", 2));
  EXPECT_FALSE(scaled_decimal("-1", 2));
  EXPECT_FALSE(scaled_decimal("abc", 2));
  EXPECT_FALSE(scaled_decimal("1e", 2));
  EXPECT_FALSE(scaled_decimal("1.2.3", 2));
  EXPECT_FALSE(scaled_decimal("1e400", 2));
  EXPECT_FALSE(scaled_decimal("1000000000", 2));  // past 999999999.99
}

TEST(GooglePrice, JsonNumbersAreReadAsWritten) {
  const auto micros = json::parse(R"({"amountInMicros": 3.99E7, "currencyCode": "BRL"})");
  EXPECT_EQ(read_price_object(micros), (Money{3990, "BRL"}));
  const auto amount = json::parse(R"({"amount": 44.91, "currencyCode": "BRL"})");
  EXPECT_EQ(read_price_object(amount), (Money{4491, "BRL"}));
  const auto text = json::parse(R"({"amount": "12.5", "currencyCode": "USD"})");
  EXPECT_EQ(read_price_object(text), (Money{1250, "USD"}));
}

TEST(GooglePrice, NeedsAKnownCurrency) {
  EXPECT_FALSE(read_price_object(json::parse(R"({"amount": 10})")));
  EXPECT_FALSE(read_price_object(json::parse(R"({"amount": 10, "currencyCode": "XYZ"})")));
}

TEST(GooglePrice, RetailPriceWinsOverListPrice) {
  const auto sale = json::parse(R"({"saleability": "FOR_SALE",
      "listPrice": {"amount": 49.9, "currencyCode": "BRL"},
      "retailPrice": {"amount": 39.9, "currencyCode": "BRL"}})");
  EXPECT_EQ(read_sale_price(sale), (Money{3990, "BRL"}));
}

TEST(GooglePrice, ListPriceWhenNoRetailPrice) {
  const auto sale = json::parse(R"({"saleability": "FOR_SALE",
      "listPrice": {"amount": 24.5, "currencyCode": "BRL"}})");
  EXPECT_EQ(read_sale_price(sale), (Money{2450, "BRL"}));
}

TEST(GooglePrice, NotForSaleHasNoPrice) {
  EXPECT_FALSE(read_sale_price(json::parse(R"({"saleability": "NOT_FOR_SALE"})")));
  EXPECT_FALSE(read_sale_price(json(nullptr)));
}

}  // namespace
}  // namespace ld::s1::google_books
