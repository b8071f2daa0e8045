// Order pricing: each item's subtotal is its unit price times its quantity and the total is their
// sum, all in integer cents and in one currency, so no rounding ever happens.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/money.hpp"
#include "domain/orders/order.hpp"

namespace ld {

// One requested book with the title and price taken from the catalog at order time.
struct PricedLine {
  std::string book_id;
  std::string title;
  Money unit_price;
  std::int64_t quantity = 0;
};

// The index of the first price whose currency differs from the first one's, if any.
std::optional<std::size_t> first_other_currency(const std::vector<Money>& prices);

// A new order (status created, created_at = updated_at = now) with its items in the given order.
// Throws a 422 Error naming `items[i].book_id` when currencies are mixed; `lines` must not be
// empty (the request validation guarantees at least one item).
Order price_order(std::string id, std::int64_t customer_id, const std::vector<PricedLine>& lines,
                  clock::Millis now);

}  // namespace ld
