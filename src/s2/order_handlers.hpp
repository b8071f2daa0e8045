// HTTP handlers for /orders: placed across all three stores, kept in Redis.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/books/book_repository.hpp"
#include "domain/books/stock_ledger.hpp"
#include "domain/customers/customer_repository.hpp"
#include "domain/orders/order_repository.hpp"
#include "domain/orders/order_request.hpp"
#include "domain/orders/pricing.hpp"
#include "http/message.hpp"

namespace ld::s2 {

class OrderHandlers {
 public:
  OrderHandlers(OrderRepository& orders, CustomerRepository& customers, BookRepository& books,
                StockLedger& stock)
      : orders_(orders), customers_(customers), books_(books), stock_(stock) {}

  http::Response create(http::Request& request);  // POST  /orders
  http::Response list(http::Request& request);    // GET   /orders
  http::Response get(http::Request& request);     // GET   /orders/{id}
  http::Response patch(http::Request& request);   // PATCH /orders/{id}

 private:
  // Holds the stock and stores the order under `order_id`; nullopt when the id turned out to
  // be voided (the request ran so long that the sweeper gave its stock back).
  std::optional<http::Response> place(http::Request& request, const OrderRequest& order_request,
                                      const std::vector<PricedLine>& lines,
                                      const std::string& order_id);

  OrderRepository& orders_;
  CustomerRepository& customers_;
  BookRepository& books_;
  StockLedger& stock_;
};

}  // namespace ld::s2
