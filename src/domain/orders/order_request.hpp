// What a client may send about orders: the body of POST /orders and of PATCH /orders/{id},
// validated under the API's rules with every invalid field reported at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/orders/order.hpp"

namespace ld {

inline constexpr std::size_t kMaxOrderItems = 50;
inline constexpr std::int64_t kMaxItemQuantity = 100;

struct OrderLine {
  std::string book_id;  // 24 lowercase hex digits
  std::int64_t quantity = 0;
};

struct OrderRequest {
  std::int64_t customer_id = 0;
  std::vector<OrderLine> items;  // in the request's order, book ids distinct
};

// Reads {"customer_id": 17, "items": [{"book_id": "...", "quantity": 2}]}. Throws a 400 Error
// listing every violation (`customer_id`, `items`, `items[1].book_id`, `items[2].quantity`, ...).
OrderRequest read_order_request(const nlohmann::json& body);

// Reads a PATCH body, in which only "status" may appear. Returns nullopt for {} (a no-op).
// Throws a 400 Error for read-only or unknown fields and for an unknown status.
std::optional<OrderStatus> read_status_change(const nlohmann::json& body);

}  // namespace ld
