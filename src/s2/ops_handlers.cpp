#include "s2/ops_handlers.hpp"

#include <chrono>
#include <cmath>
#include <future>

#include <fmt/format.h>

#include "s2/openapi_document.hpp"

namespace ld::s2 {

namespace {
// How long /stats waits for a count before it answers the latest one taken instead, and for the
// very first count of a store (a count is bounded by the store timeout, 2 s by default).
constexpr std::chrono::milliseconds kCountWait{25};
constexpr std::chrono::milliseconds kFirstCountWait{5000};

nlohmann::json status_json(const StoreStatus& s) {
  nlohmann::json out = {{"status", s.up ? "up" : "down"},
                        {"latency_ms", std::round(s.latency_ms * 100.0) / 100.0}};
  if (!s.up) out["error"] = s.error;
  if (s.aof) out["aof"] = *s.aof;
  return out;
}
}  // namespace

http::Response OpsHandlers::health(http::Request&) {
  return http::Response::json(200, {{"status", "ok"}});
}

http::Response OpsHandlers::ready(http::Request&) {
  // Probe the three stores at once: a slow one should cost its own timeout, not the sum. A store
  // whose pool is full is busy answering, and counts as up without waiting for a connection.
  auto pg = std::async(std::launch::async, probes_.postgres);
  auto mongo = std::async(std::launch::async, probes_.mongodb);
  auto redis = std::async(std::launch::async, probes_.redis);
  const StoreStatus statuses[] = {pg.get(), mongo.get(), redis.get()};
  const char* names[] = {"postgres", "mongodb", "redis"};
  const bool all_up = statuses[0].up && statuses[1].up && statuses[2].up;
  nlohmann::json stores = nlohmann::json::object();
  std::string timing;
  for (std::size_t i = 0; i < 3; ++i) {
    stores[names[i]] = status_json(statuses[i]);
    timing += fmt::format("{}{};dur={:.2f}", i ? ", " : "", names[i], statuses[i].latency_ms);
  }
  auto response = http::Response::json(
      all_up ? 200 : 503, {{"status", all_up ? "ok" : "degraded"}, {"stores", std::move(stores)}});
  // The probes ran on threads of their own, beyond the request's store tally: name each here.
  response.set_header("Server-Timing", std::move(timing));
  return response;
}

http::Response OpsHandlers::metrics(http::Request&) {
  if (refresh_gauges_) refresh_gauges_(metrics_);
  return http::Response::text(200, metrics_.render(), "text/plain; version=0.0.4; charset=utf-8");
}

http::Response OpsHandlers::stats(http::Request&) {
  // Each count comes from its own store; a store that is down makes this a 503 naming it. None
  // reads a whole table: past a size, customers and books are the stores' own estimates (the
  // planner's row count, collStats), which trail the latest writes; orders are counted exactly
  // (the cardinality Redis keeps for the index of all orders). A store too busy or slow to count
  // within kCountWait gives its latest count instead, listed as estimated too.
  nlohmann::json estimated = {"customers", "books"};
  // The three stores count at once; the waits share one deadline.
  const auto customers_ask = customers_.ask();
  const auto books_ask = books_.ask();
  const auto orders_ask = orders_.ask();
  const auto now = std::chrono::steady_clock::now();
  const auto deadline = now + kCountWait;
  const auto first_deadline = now + kFirstCountWait;
  const auto customers = customers_.read(customers_ask, deadline, first_deadline);
  const auto books = books_.read(books_ask, deadline, first_deadline);
  const auto orders = orders_.read(orders_ask, deadline, first_deadline);
  if (orders.earlier) estimated.push_back("orders");
  return http::Response::json(200, {{"customers", customers.value},
                                    {"books", books.value},
                                    {"orders", orders.value},
                                    {"estimated", std::move(estimated)}});
}

http::Response OpsHandlers::openapi(http::Request&) {
  return http::Response::text(200, std::string(openapi_document()), "application/json");
}

}  // namespace ld::s2
