// HTTP handlers for /customers: parse and validate, call the repositories, shape the response.
// Every 4xx is thrown as an ld::Error; the request pipeline turns it into a problem.
#include "s2/customer_handlers.hpp"

#include <string>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/json_input.hpp"
#include "domain/customers/customer_filter.hpp"
#include "domain/customers/customer_input.hpp"
#include "domain/customers/customer_json.hpp"
#include "domain/customers/customer_page.hpp"
#include "domain/customers/customer_patch.hpp"
#include "domain/customers/delete_customer.hpp"
#include "domain/orders/order_json.hpp"
#include "s2/paging.hpp"

namespace ld::s2 {

namespace {

// Moves a 400's field errors into `v`, so that one response lists them with the others.
template <class Read>
void collect(Violations& v, Read&& read) {
  try {
    read();
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::invalid) throw;
    for (const auto& f : e.fields()) v.add(f.field, f.message);
  }
}

std::int64_t customer_id(const http::Request& request, Violations& v) {
  const auto id = ids::parse_customer_id(request.param("id"));
  if (!id) v.add("id", "must be a positive integer without sign or leading zeros");
  return id.value_or(0);
}

std::string location(std::int64_t id) {
  return "/customers/" + std::to_string(id);
}

}  // namespace

Error customer_not_found() {
  return not_found("No customer has this id.");
}

http::Response CustomerHandlers::create(http::Request& request, const IdempotencyScope* scope) {
  const Customer customer = parse_customer(json_input::parse_object(request.body));
  // A keyed request's retry after a crash finds the customer its first attempt stored.
  const Customer stored = customers_.create(customer, scope ? scope->promised_id() : "");
  return http::Response::created(to_json(stored), location(stored.id));
}

http::Response CustomerHandlers::list(http::Request& request) {
  Violations v;
  PageRequest page;
  CustomerFilter filter;
  collect(v, [&] {
    page = read_page(request);
    after_customer_id(page);  // a cursor from another list is a 400 here, with the rest
  });
  collect(v, [&] {
    filter = read_customer_filter(request.query_param("email"), request.query_param("q"));
  });
  v.throw_if_any();
  const auto result = customers_.list(filter, page);
  return http::Response::json(200, page_json(result, [](const Customer& c) { return to_json(c); }));
}

http::Response CustomerHandlers::get(http::Request& request) {
  Violations v;
  const std::int64_t id = customer_id(request, v);
  v.throw_if_any();
  const auto customer = customers_.find(id);
  if (!customer) throw customer_not_found();
  return http::Response::json(200, to_json(*customer));
}

http::Response CustomerHandlers::patch(http::Request& request) {
  Violations v;
  const std::int64_t id = customer_id(request, v);
  nlohmann::json patch;
  collect(v, [&] {
    patch = json_input::parse_object(request.body);
    // Checked before the lookup: a bad body is a 400 even for a customer that does not exist.
    validate_merge_patch(patch);
  });
  v.throw_if_any();
  const auto stored = customers_.modify(
      id, [&](const Customer& current) { return apply_merge_patch(current, patch); });
  if (!stored) throw customer_not_found();
  return http::Response::json(200, to_json(*stored));
}

http::Response CustomerHandlers::remove(http::Request& request) {
  Violations v;
  const std::int64_t id = customer_id(request, v);
  v.throw_if_any();
  delete_customer(customers_, orders_, id);
  return http::Response::no_content();
}

http::Response CustomerHandlers::orders(http::Request& request) {
  Violations v;
  const std::int64_t id = customer_id(request, v);
  PageRequest page;
  collect(v, [&] { page = read_page(request); });
  v.throw_if_any();
  if (!customers_.exists(id)) throw customer_not_found();
  OrderFilter filter;
  filter.customer_id = id;
  const auto result = orders_.list(filter, page);
  return http::Response::json(200,
                              page_json(result, [](const Order& o) { return ld::to_json(o); }));
}

}  // namespace ld::s2
