// Pricing rules: subtotal = unit price x quantity, total = sum of subtotals, integer cents, one
// currency per order, items in the request's order.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <stdexcept>

#include "domain/orders/pricing.hpp"
#include "support/expect_error.hpp"

namespace ld {
namespace {

using ::testing::ElementsAre;

PricedLine line(std::string id, std::int64_t cents, std::int64_t quantity,
                std::string currency = "BRL") {
  return {std::move(id), "Title " + std::to_string(cents), Money{cents, std::move(currency)},
          quantity};
}

TEST(Pricing, SubtotalIsUnitPriceTimesQuantity) {
  const auto order = price_order("o", 17, {line("a", 3990, 3)}, 1000);
  ASSERT_EQ(order.items.size(), 1u);
  EXPECT_EQ(order.items[0].unit_price_cents, 3990);
  EXPECT_EQ(order.items[0].quantity, 3);
  EXPECT_EQ(order.items[0].subtotal_cents, 11970);
}

TEST(Pricing, TotalIsTheSumOfSubtotals) {
  const auto order =
      price_order("o", 17, {line("a", 3990, 2), line("b", 1, 100), line("c", 0, 5)}, 1000);
  EXPECT_EQ(order.total_cents, 7980 + 100 + 0);
}

TEST(Pricing, CentsNeverRound) {
  // 0.1 + 0.2 is not 0.3 in binary floating point; in cents it is.
  const auto order = price_order("o", 1, {line("a", 10, 1), line("b", 20, 1)}, 1000);
  EXPECT_EQ(order.total_cents, 30);
}

TEST(Pricing, LargestOrderIsExact) {
  std::vector<PricedLine> lines;
  for (int i = 0; i < 50; ++i) lines.push_back(line(std::to_string(i), kMaxMoneyCents, 100));
  const auto order = price_order("o", 1, lines, 1000);
  EXPECT_EQ(order.items[0].subtotal_cents, 9'999'999'999'900);
  EXPECT_EQ(order.total_cents, 499'999'999'995'000);
}

TEST(Pricing, ItemsKeepTheRequestOrderAndSnapshot) {
  const auto order = price_order("o", 17, {line("b", 200, 1), line("a", 100, 2)}, 1000);
  ASSERT_EQ(order.items.size(), 2u);
  EXPECT_EQ(order.items[0].book_id, "b");
  EXPECT_EQ(order.items[0].title, "Title 200");
  EXPECT_EQ(order.items[1].book_id, "a");
}

TEST(Pricing, ANewOrderIsCreatedNowInTheItemsCurrency) {
  const auto order = price_order("id-1", 42, {line("a", 100, 1, "USD")}, 123456);
  EXPECT_EQ(order.id, "id-1");
  EXPECT_EQ(order.customer_id, 42);
  EXPECT_EQ(order.currency, "USD");
  EXPECT_EQ(order.status, OrderStatus::created);
  EXPECT_EQ(order.created_at, 123456);
  EXPECT_EQ(order.updated_at, 123456);
}

TEST(Pricing, MixedCurrenciesNameTheFirstDifferingItem) {
  const std::vector<PricedLine> lines = {line("a", 1, 1, "BRL"), line("b", 1, 1, "BRL"),
                                         line("c", 1, 1, "USD"), line("d", 1, 1, "EUR")};
  EXPECT_THAT(test::error_fields(ErrorKind::unprocessable, [&] { price_order("o", 1, lines, 0); }),
              ElementsAre("items[2].book_id"));
}

TEST(Pricing, FirstOtherCurrency) {
  EXPECT_EQ(first_other_currency({}), std::nullopt);
  EXPECT_EQ(first_other_currency({{1, "BRL"}, {2, "BRL"}}), std::nullopt);
  EXPECT_EQ(first_other_currency({{1, "BRL"}, {2, "BRL"}, {3, "USD"}, {4, "EUR"}}), 2u);
}

TEST(Pricing, AnOrderNeedsAnItem) {
  EXPECT_THROW(price_order("o", 1, {}, 0), std::invalid_argument);
}

}  // namespace
}  // namespace ld
