// Subtotals and totals. Bounds keep the arithmetic exact: a price is at most 99,999,999,999
// cents, a quantity at most 100 and an order at most 50 items, far below 2^63.
#include "domain/orders/pricing.hpp"

#include <stdexcept>

#include <fmt/format.h>

#include "core/error.hpp"

namespace ld {

std::optional<std::size_t> first_other_currency(const std::vector<Money>& prices) {
  for (std::size_t i = 1; i < prices.size(); ++i) {
    if (prices[i].currency != prices[0].currency) return i;
  }
  return std::nullopt;
}

Order price_order(std::string id, std::int64_t customer_id, const std::vector<PricedLine>& lines,
                  clock::Millis now) {
  if (lines.empty()) throw std::invalid_argument("an order needs at least one item");
  Order order;
  order.id = std::move(id);
  order.customer_id = customer_id;
  order.currency = lines.front().unit_price.currency;
  order.status = OrderStatus::created;
  order.created_at = now;
  order.updated_at = now;
  order.items.reserve(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& line = lines[i];
    if (line.unit_price.currency != order.currency) {
      throw unprocessable(fmt::format("items[{}].book_id", i),
                          fmt::format("is priced in {}, but items[0] in {}; an order takes one "
                                      "currency",
                                      line.unit_price.currency, order.currency));
    }
    const std::int64_t subtotal = line.unit_price.cents * line.quantity;
    order.items.push_back(
        {line.book_id, line.title, line.unit_price.cents, line.quantity, subtotal});
    order.total_cents += subtotal;
  }
  return order;
}

}  // namespace ld
