// An order as Redis keeps it: one JSON string with amounts as integer cents and times as Unix
// milliseconds, so the store never holds a rounded or reformatted value.
#pragma once

#include <string>
#include <string_view>

#include "domain/orders/order.hpp"

namespace ld::redis {

std::string encode_order(const Order& order);

// Throws an internal Error when the stored text is not an order this code wrote.
Order decode_order(std::string_view stored);

}  // namespace ld::redis
