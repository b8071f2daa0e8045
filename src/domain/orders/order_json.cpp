// The API's view of an order: amounts back to {"amount": "39.90", "currency": "BRL"}, times to
// RFC 3339 with milliseconds, items in the order they were requested.
#include "domain/orders/order_json.hpp"

#include "core/money.hpp"

namespace ld {

nlohmann::json to_json(const Order& order) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& item : order.items) {
    items.push_back({{"book_id", item.book_id},
                     {"title", item.title},
                     {"unit_price", to_json(Money{item.unit_price_cents, order.currency})},
                     {"quantity", item.quantity},
                     {"subtotal", to_json(Money{item.subtotal_cents, order.currency})}});
  }
  return {{"id", order.id},
          {"customer_id", order.customer_id},
          {"items", std::move(items)},
          {"total", to_json(Money{order.total_cents, order.currency})},
          {"status", std::string(to_string(order.status))},
          {"created_at", clock::format_rfc3339(order.created_at)},
          {"updated_at", clock::format_rfc3339(order.updated_at)}};
}

}  // namespace ld
