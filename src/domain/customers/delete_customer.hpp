// Deleting a customer, kept in PostgreSQL while its orders are kept in Redis. Any order, even a
// cancelled or delivered one, keeps its customer, since orders point at it. The customer is
// closed in the order store first, in the same atomic step that checks for orders, so an order
// checked against the customer a moment before either was stored already (and the delete is
// refused) or can no longer be (and the delete stands).
#pragma once

#include <cstdint>

#include "domain/customers/customer_repository.hpp"
#include "domain/orders/order_repository.hpp"

namespace ld {

// Throws 404 when there is no such customer, and 409 naming "id" when it has orders. A store
// failure after the close reopens the customer for orders and throws on.
void delete_customer(CustomerRepository& customers, OrderRepository& orders,
                     std::int64_t customer_id);

}  // namespace ld
