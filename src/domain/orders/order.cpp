// Order status names as the API and the store spell them.
#include "domain/orders/order.hpp"

#include <array>
#include <utility>

namespace ld {

namespace {
constexpr std::array<std::pair<OrderStatus, std::string_view>, 5> kNames{{
    {OrderStatus::created, "created"},
    {OrderStatus::paid, "paid"},
    {OrderStatus::shipped, "shipped"},
    {OrderStatus::delivered, "delivered"},
    {OrderStatus::cancelled, "cancelled"},
}};
}  // namespace

std::string_view to_string(OrderStatus status) {
  for (const auto& [value, name] : kNames) {
    if (value == status) return name;
  }
  return "unknown";
}

std::optional<OrderStatus> parse_order_status(std::string_view text) {
  for (const auto& [value, name] : kNames) {
    if (name == text) return value;
  }
  return std::nullopt;
}

}  // namespace ld
