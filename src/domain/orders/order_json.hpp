// An order as the API shows it (amounts as decimal strings with the order's currency).
#pragma once

#include <nlohmann/json.hpp>

#include "domain/orders/order.hpp"

namespace ld {

nlohmann::json to_json(const Order& order);

}  // namespace ld
