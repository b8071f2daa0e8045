// HTTP handlers for /customers (PostgreSQL), and a customer's orders (Redis).
#pragma once

#include "core/error.hpp"
#include "domain/customers/customer_repository.hpp"
#include "domain/orders/order_repository.hpp"
#include "domain/shared/idempotency.hpp"
#include "http/message.hpp"

namespace ld::s2 {

// The 404 of an id no customer has (also the fast lane's, customer_fast_lane.hpp).
Error customer_not_found();

class CustomerHandlers {
 public:
  CustomerHandlers(CustomerRepository& customers, OrderRepository& orders)
      : customers_(customers), orders_(orders) {}

  // POST /customers; a keyed request's `scope` promises the customer's creation key.
  http::Response create(http::Request& request, const IdempotencyScope* scope = nullptr);
  http::Response list(http::Request& request);    // GET    /customers
  http::Response get(http::Request& request);     // GET    /customers/{id}
  http::Response patch(http::Request& request);   // PATCH  /customers/{id}
  http::Response remove(http::Request& request);  // DELETE /customers/{id}
  http::Response orders(http::Request& request);  // GET    /customers/{id}/orders

 private:
  CustomerRepository& customers_;
  OrderRepository& orders_;
};

}  // namespace ld::s2
