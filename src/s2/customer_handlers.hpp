// HTTP handlers for /customers (PostgreSQL), and a customer's orders (Redis).
#pragma once

#include "domain/customers/customer_repository.hpp"
#include "domain/orders/order_repository.hpp"
#include "http/message.hpp"

namespace ld::s2 {

class CustomerHandlers {
 public:
  CustomerHandlers(CustomerRepository& customers, OrderRepository& orders)
      : customers_(customers), orders_(orders) {}

  http::Response create(http::Request& request);  // POST   /customers
  http::Response list(http::Request& request);    // GET    /customers
  http::Response get(http::Request& request);     // GET    /customers/{id}
  http::Response patch(http::Request& request);   // PATCH  /customers/{id}
  http::Response remove(http::Request& request);  // DELETE /customers/{id}
  http::Response orders(http::Request& request);  // GET    /customers/{id}/orders

 private:
  // Undoes OrderRepository::close_customer after a delete that did not happen. A failure only
  // delays new orders for that customer until the mark runs out, so it is logged, not thrown.
  void reopen(std::int64_t customer_id) noexcept;

  CustomerRepository& customers_;
  OrderRepository& orders_;
};

}  // namespace ld::s2
