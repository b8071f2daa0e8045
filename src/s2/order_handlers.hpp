// HTTP handlers for /orders: parse the request, call the use case (domain/orders), shape the
// response. Orders are placed across all three stores and kept in Redis.
#pragma once

#include "domain/books/stock_ledger.hpp"
#include "domain/orders/order_repository.hpp"
#include "domain/orders/place_order.hpp"
#include "domain/shared/idempotency.hpp"
#include "http/message.hpp"

namespace ld::s2 {

class OrderHandlers {
 public:
  explicit OrderHandlers(const OrderStores& stores) : stores_(stores) {}

  // POST /orders; a keyed request's `scope` gives the order its promised id and takes the
  // idempotency record into the order's own atomic write.
  http::Response create(http::Request& request, IdempotencyScope* scope = nullptr);
  http::Response list(http::Request& request);   // GET   /orders
  http::Response get(http::Request& request);    // GET   /orders/{id}
  http::Response patch(http::Request& request);  // PATCH /orders/{id}

 private:
  OrderStores stores_;
};

}  // namespace ld::s2
