#include "s2/routes.hpp"

namespace ld::s2 {

http::Router route_table(Handlers h) {
  http::Router r;
  // Customers — PostgreSQL (a customer's orders come from Redis).
  r.add("POST", "/customers", [&c = h.customers](auto& req) { return c.create(req); });
  r.add("GET", "/customers", [&c = h.customers](auto& req) { return c.list(req); });
  r.add("GET", "/customers/{id}", [&c = h.customers](auto& req) { return c.get(req); });
  r.add("PATCH", "/customers/{id}", [&c = h.customers](auto& req) { return c.patch(req); });
  r.add("DELETE", "/customers/{id}", [&c = h.customers](auto& req) { return c.remove(req); });
  r.add("GET", "/customers/{id}/orders", [&c = h.customers](auto& req) { return c.orders(req); });
  // Books — MongoDB.
  r.add("POST", "/books", [&b = h.books](auto& req) { return b.create(req); });
  r.add("GET", "/books", [&b = h.books](auto& req) { return b.list(req); });
  r.add("GET", "/books/{id}", [&b = h.books](auto& req) { return b.get(req); });
  r.add("PATCH", "/books/{id}", [&b = h.books](auto& req) { return b.patch(req); });
  r.add("DELETE", "/books/{id}", [&b = h.books](auto& req) { return b.remove(req); });
  // Orders — Redis, checked against PostgreSQL and MongoDB.
  r.add("POST", "/orders", [&o = h.orders](auto& req) { return o.create(req); });
  r.add("GET", "/orders", [&o = h.orders](auto& req) { return o.list(req); });
  r.add("GET", "/orders/{id}", [&o = h.orders](auto& req) { return o.get(req); });
  r.add("PATCH", "/orders/{id}", [&o = h.orders](auto& req) { return o.patch(req); });
  // Operations.
  r.add("GET", "/health", [&o = h.ops](auto& req) { return o.health(req); });
  r.add("GET", "/ready", [&o = h.ops](auto& req) { return o.ready(req); });
  r.add("GET", "/metrics", [&o = h.ops](auto& req) { return o.metrics(req); });
  r.add("GET", "/stats", [&o = h.ops](auto& req) { return o.stats(req); });
  r.add("GET", "/openapi.json", [&o = h.ops](auto& req) { return o.openapi(req); });
  // Where each record is stored: read-only, behind the API token.
  r.add("GET", "/admin/customers/{id}", [&a = h.admin](auto& req) { return a.customer(req); });
  r.add("GET", "/admin/books/{id}", [&a = h.admin](auto& req) { return a.book(req); });
  r.add("GET", "/admin/orders/{id}", [&a = h.admin](auto& req) { return a.order(req); });
  // The web console: "/" and its files under /console/.
  for (const auto& path : h.console.paths()) {
    r.add("GET", path, [&c = h.console](auto& req) { return c.serve(req); });
  }
  return r;
}

}  // namespace ld::s2
