// An order: a customer buying books, with a snapshot of each book's title and price taken when
// the order was placed. Kept in Redis, amounts as integer cents.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"

namespace ld {

enum class OrderStatus { created, paid, shipped, delivered, cancelled };

std::string_view to_string(OrderStatus status);
std::optional<OrderStatus> parse_order_status(std::string_view text);

struct OrderItem {
  std::string book_id;
  std::string title;
  std::int64_t unit_price_cents = 0;
  std::int64_t quantity = 0;
  std::int64_t subtotal_cents = 0;
};

struct Order {
  std::string id;  // UUIDv7, lowercase
  std::int64_t customer_id = 0;
  std::vector<OrderItem> items;
  std::string currency;  // every item's price is in this currency
  std::int64_t total_cents = 0;
  OrderStatus status = OrderStatus::created;
  clock::Millis created_at = 0;
  clock::Millis updated_at = 0;
};

struct OrderFilter {
  std::optional<std::int64_t> customer_id;
  std::optional<OrderStatus> status;
};

}  // namespace ld
