// Read-only admin endpoints: a customer, book or order exactly as its store holds it, for the
// console's "where is it stored" view.
//   GET /admin/customers/{id}  PostgreSQL rows (customers, customer_addresses), names and types
//   GET /admin/books/{id}      the MongoDB document in canonical extended JSON
//   GET /admin/orders/{id}     the Redis keys: order string, indexes, TTLs, idempotency record
// They need the API token (401 without it) and are off (404) when S2 runs without one: store
// internals are for the operator. They only read, so nothing sent here changes a store.
#pragma once

#include <string>

#include "http/message.hpp"
#include "storage/mongo/book_inspection.hpp"
#include "storage/postgres/customer_inspection.hpp"
#include "storage/redis/order_inspection.hpp"

namespace ld::s2 {

class AdminHandlers {
 public:
  AdminHandlers(std::string api_token, postgres::CustomerInspection& customers,
                mongo::BookInspection& books, redis::OrderInspection& orders)
      : api_token_(std::move(api_token)), customers_(customers), books_(books), orders_(orders) {}

  http::Response customer(http::Request& request);  // GET /admin/customers/{id}
  http::Response book(http::Request& request);      // GET /admin/books/{id}
  http::Response order(http::Request& request);     // GET /admin/orders/{id}

 private:
  // Throws 404 when the endpoints are off, 401 without the right bearer token.
  void require_token(const http::Request& request) const;

  std::string api_token_;
  postgres::CustomerInspection& customers_;
  mongo::BookInspection& books_;
  redis::OrderInspection& orders_;
};

}  // namespace ld::s2
