#include "s2/routes.hpp"

namespace ld::s2 {

Router route_table(Handlers h) {
  Router r;
  // Customers — PostgreSQL (a customer's orders come from Redis).
  r.add("POST", "/customers",
        [&c = h.customers](auto& req, auto* scope) { return c.create(req, scope); });
  r.add("GET", "/customers", [&c = h.customers](auto& req, auto*) { return c.list(req); },
        {"email", "q", "limit", "cursor"});
  r.add("GET", "/customers/{id}", [&c = h.customers](auto& req, auto*) { return c.get(req); });
  r.add("PATCH", "/customers/{id}", [&c = h.customers](auto& req, auto*) { return c.patch(req); });
  r.add("DELETE", "/customers/{id}",
        [&c = h.customers](auto& req, auto*) { return c.remove(req); });
  r.add("GET", "/customers/{id}/orders",
        [&c = h.customers](auto& req, auto*) { return c.orders(req); }, {"limit", "cursor"});
  // Books — MongoDB.
  r.add("POST", "/books", [&b = h.books](auto& req, auto* scope) { return b.create(req, scope); });
  r.add("GET", "/books", [&b = h.books](auto& req, auto*) { return b.list(req); },
        {"q", "author", "category", "language", "limit", "cursor"});
  r.add("GET", "/books/{id}", [&b = h.books](auto& req, auto*) { return b.get(req); });
  r.add("PATCH", "/books/{id}", [&b = h.books](auto& req, auto*) { return b.patch(req); });
  r.add("DELETE", "/books/{id}", [&b = h.books](auto& req, auto*) { return b.remove(req); });
  // Orders — Redis, checked against PostgreSQL and MongoDB.
  r.add("POST", "/orders",
        [&o = h.orders](auto& req, auto* scope) { return o.create(req, scope); });
  r.add("GET", "/orders", [&o = h.orders](auto& req, auto*) { return o.list(req); },
        {"customer_id", "status", "limit", "cursor"});
  r.add("GET", "/orders/{id}", [&o = h.orders](auto& req, auto*) { return o.get(req); });
  r.add("PATCH", "/orders/{id}", [&o = h.orders](auto& req, auto*) { return o.patch(req); });
  // Operations.
  r.add("GET", "/health", [&o = h.ops](auto& req, auto*) { return o.health(req); });
  r.add("GET", "/ready", [&o = h.ops](auto& req, auto*) { return o.ready(req); });
  r.add("GET", "/metrics", [&o = h.ops](auto& req, auto*) { return o.metrics(req); });
  r.add("GET", "/stats", [&o = h.ops](auto& req, auto*) { return o.stats(req); });
  r.add("GET", "/openapi.json", [&o = h.ops](auto& req, auto*) { return o.openapi(req); });
  // Where each record is stored: read-only, behind the API token.
  r.add("GET", "/admin/customers/{id}",
        [&a = h.admin](auto& req, auto*) { return a.customer(req); });
  r.add("GET", "/admin/books/{id}", [&a = h.admin](auto& req, auto*) { return a.book(req); });
  r.add("GET", "/admin/orders/{id}", [&a = h.admin](auto& req, auto*) { return a.order(req); });
  // The web console: "/" and its files under /console/.
  for (const auto& path : h.console.paths()) {
    r.add("GET", path, [&c = h.console](auto& req, auto*) { return c.serve(req); });
  }
  return r;
}

}  // namespace ld::s2
