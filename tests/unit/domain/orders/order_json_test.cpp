// The API's order shape: {id, customer_id, items:[{book_id, title, unit_price, quantity,
// subtotal}], total, status, created_at, updated_at}, money as decimal strings.
#include <gtest/gtest.h>

#include "domain/orders/order_json.hpp"
#include "domain/orders/pricing.hpp"

namespace ld {
namespace {

using nlohmann::json;

Order sample() {
  return price_order("0190c3e2-7a4b-7c2d-8e9f-0123456789ab", 17,
                     {{"65f0a1b2c3d4e5f601234567", "Dom Casmurro", Money{3990, "BRL"}, 2},
                      {"65f0a1b2c3d4e5f601234568", "Iracema", Money{5, "BRL"}, 1}},
                     1764504000123);
}

TEST(OrderJson, HasExactlyTheDocumentedFields) {
  const auto doc = to_json(sample());
  std::vector<std::string> keys;
  for (const auto& [k, v] : doc.items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"created_at", "customer_id", "id", "items", "status",
                                            "total", "updated_at"}));
}

TEST(OrderJson, ItemsShowSnapshotAndMoney) {
  const auto doc = to_json(sample());
  ASSERT_EQ(doc["items"].size(), 2u);
  EXPECT_EQ(doc["items"][0], json({{"book_id", "65f0a1b2c3d4e5f601234567"},
                                   {"title", "Dom Casmurro"},
                                   {"unit_price", {{"amount", "39.90"}, {"currency", "BRL"}}},
                                   {"quantity", 2},
                                   {"subtotal", {{"amount", "79.80"}, {"currency", "BRL"}}}}));
  EXPECT_EQ(doc["items"][1]["unit_price"]["amount"], "0.05");
}

TEST(OrderJson, TotalStatusAndTimes) {
  auto order = sample();
  order.status = OrderStatus::shipped;
  order.updated_at = 1764504060000;
  const auto doc = to_json(order);
  EXPECT_EQ(doc["id"], "0190c3e2-7a4b-7c2d-8e9f-0123456789ab");
  EXPECT_EQ(doc["customer_id"], 17);
  EXPECT_EQ(doc["total"], json({{"amount", "79.85"}, {"currency", "BRL"}}));
  EXPECT_EQ(doc["status"], "shipped");
  EXPECT_EQ(doc["created_at"], "2025-11-30T12:00:00.123Z");
  EXPECT_EQ(doc["updated_at"], "2025-11-30T12:01:00.000Z");
}

}  // namespace
}  // namespace ld
