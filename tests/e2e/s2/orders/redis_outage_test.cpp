// Redis stopped while s2 runs: orders answer 503 naming redis with the stock left as it was,
// customers keep working, and orders work again once Redis is back, without restarting s2.
#include "orders_api.hpp"

namespace ld::test {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

TEST_F(OrdersApi, WithRedisDownOrdersAre503AndStockIsUntouchedWhileCustomersStillWork) {
  const auto customer = new_customer();
  const auto book = new_book("10.00", "BRL", 7);
  stores("stop redis");
  auto a = place(customer, {{book, 2}});
  EXPECT_EQ(a.status, 503) << a.raw.body;
  EXPECT_EQ(a.body.value("store", ""), "redis");
  EXPECT_THAT(a.header("Content-Type"), ::testing::StartsWith("application/problem+json"));
  EXPECT_FALSE(a.header("Retry-After").empty());
  EXPECT_EQ(a.raw.body.find("onnection refused"), std::string::npos);  // no driver words
  EXPECT_EQ(stock_of(book), 7);  // reserved, then given back when Redis refused the order
  EXPECT_EQ(get(fmt::format("/customers/{}", customer)).status, 200);
  EXPECT_EQ(get("/orders?limit=1").status, 503);
  stores("start redis");
  auto b = place(customer, {{book, 2}});
  EXPECT_EQ(b.status, 201) << b.raw.body;  // the same s2, never restarted
  EXPECT_EQ(stock_of(book), 5);
}

}  // namespace
}  // namespace ld::test
