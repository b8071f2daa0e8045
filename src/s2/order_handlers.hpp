// HTTP handlers for /orders: placed across all three stores, kept in Redis.
#pragma once

#include "domain/books/book_repository.hpp"
#include "domain/customers/customer_repository.hpp"
#include "domain/orders/order_repository.hpp"
#include "http/message.hpp"

namespace ld::s2 {

class OrderHandlers {
 public:
  OrderHandlers(OrderRepository& orders, CustomerRepository& customers, BookRepository& books)
      : orders_(orders), customers_(customers), books_(books) {}

  http::Response create(http::Request& request);  // POST  /orders
  http::Response list(http::Request& request);    // GET   /orders
  http::Response get(http::Request& request);     // GET   /orders/{id}
  http::Response patch(http::Request& request);   // PATCH /orders/{id}

 private:
  OrderRepository& orders_;
  CustomerRepository& customers_;
  BookRepository& books_;
};

}  // namespace ld::s2
