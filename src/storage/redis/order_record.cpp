// Stored shape:
//   {"id": "...", "customer_id": 17, "currency": "BRL", "total_cents": 7980, "status": "paid",
//    "created_at": 1764504000123, "updated_at": ..., "items": [{"book_id": "...", "title": "...",
//    "unit_price_cents": 3990, "quantity": 2, "subtotal_cents": 7980}]}
// The status sits at the top level because the status-change script reads it there.
#include "storage/redis/order_record.hpp"

#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace ld::redis {

std::string encode_order(const Order& order) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& item : order.items) {
    items.push_back({{"book_id", item.book_id},
                     {"title", item.title},
                     {"unit_price_cents", item.unit_price_cents},
                     {"quantity", item.quantity},
                     {"subtotal_cents", item.subtotal_cents}});
  }
  const nlohmann::json doc = {{"id", order.id},
                              {"customer_id", order.customer_id},
                              {"currency", order.currency},
                              {"total_cents", order.total_cents},
                              {"status", std::string(to_string(order.status))},
                              {"created_at", order.created_at},
                              {"updated_at", order.updated_at},
                              {"items", std::move(items)}};
  return doc.dump();
}

Order decode_order(std::string_view stored) {
  try {
    const auto doc = nlohmann::json::parse(stored);
    Order order;
    order.id = doc.at("id").get<std::string>();
    order.customer_id = doc.at("customer_id").get<std::int64_t>();
    order.currency = doc.at("currency").get<std::string>();
    order.total_cents = doc.at("total_cents").get<std::int64_t>();
    const auto status = parse_order_status(doc.at("status").get<std::string>());
    if (!status) throw std::invalid_argument("unknown status");
    order.status = *status;
    order.created_at = doc.at("created_at").get<clock::Millis>();
    order.updated_at = doc.at("updated_at").get<clock::Millis>();
    for (const auto& item : doc.at("items")) {
      order.items.push_back(
          {item.at("book_id").get<std::string>(), item.at("title").get<std::string>(),
           item.at("unit_price_cents").get<std::int64_t>(), item.at("quantity").get<std::int64_t>(),
           item.at("subtotal_cents").get<std::int64_t>()});
    }
    return order;
  } catch (const std::exception& e) {
    throw Error(ErrorKind::internal, "A stored order could not be read.", {},
                std::string("redis order record: ") + e.what());
  }
}

}  // namespace ld::redis
