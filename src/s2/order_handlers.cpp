// /orders: an order is checked against PostgreSQL (customer) and MongoDB (books, stock) and kept
// in Redis. Checks run in the API's order: 400 (the request), 404 (the order), 422 (customers
// and books it refers to), 409 (stock, status).
#include "s2/order_handlers.hpp"

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/json_input.hpp"
#include "core/violations.hpp"
#include "domain/orders/change_order_status.hpp"
#include "domain/orders/order_json.hpp"
#include "domain/orders/order_request.hpp"
#include "s2/paging.hpp"
#include "s2/replay.hpp"

namespace ld::s2 {

namespace {

std::string order_id_from_path(const http::Request& request) {
  auto id = ids::parse_order_id(request.param("id"));
  if (!id) throw invalid_field("id", "must be an order id (a UUID such as 0190c3e2-...)");
  return *id;
}

http::Response created(const Order& order) {
  return http::Response::created(to_json(order), "/orders/" + order.id);
}

}  // namespace

http::Response OrderHandlers::create(http::Request& request, IdempotencyScope* scope) {
  const auto order_request = read_order_request(json_input::parse_object(request.body));
  // The record keeps the very bytes answered now, so a replay is identical.
  const auto order = place_order(stores_, order_request, scope, [](const Order& placed) {
    return stored_response(created(placed));
  });
  return created(order);
}

http::Response OrderHandlers::list(http::Request& request) {
  Violations v;
  OrderFilter filter;
  if (const auto text = request.query_param("customer_id")) {
    filter.customer_id = ids::parse_customer_id(*text);
    if (!filter.customer_id) v.add("customer_id", "must be a customer id (a positive integer)");
  }
  if (const auto text = request.query_param("status")) {
    filter.status = parse_order_status(*text);
    if (!filter.status) {
      v.add("status", "must be one of created, paid, shipped, delivered, cancelled");
    }
  }
  PageRequest page;
  try {
    page = read_page(request);
  } catch (const Error& e) {
    for (const auto& field : e.fields()) v.add(field.field, field.message);
  }
  v.throw_if_any();
  const auto result = stores_.orders.list(filter, page);
  return http::Response::json(200, page_json(result, [](const Order& o) { return to_json(o); }));
}

http::Response OrderHandlers::get(http::Request& request) {
  const auto id = order_id_from_path(request);
  const auto order = stores_.orders.find(id);
  if (!order) throw not_found("No order has this id.");
  return http::Response::json(200, to_json(*order));
}

http::Response OrderHandlers::patch(http::Request& request) {
  const auto id = order_id_from_path(request);
  const auto target = read_status_change(json_input::parse_object(request.body));
  const auto order = change_order_status(stores_.orders, stores_.stock, id, target);
  return http::Response::json(200, to_json(order));
}

}  // namespace ld::s2
