#include "s2/ops_handlers.hpp"

#include <cmath>
#include <future>

#include "s2/openapi_document.hpp"

namespace ld::s2 {

namespace {
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
  // Probe the three stores at once: a slow one should cost its own timeout, not the sum.
  auto pg = std::async(std::launch::async, probes_.postgres);
  auto mongo = std::async(std::launch::async, probes_.mongodb);
  auto redis = std::async(std::launch::async, probes_.redis);
  const StoreStatus statuses[] = {pg.get(), mongo.get(), redis.get()};
  const bool all_up = statuses[0].up && statuses[1].up && statuses[2].up;
  return http::Response::json(all_up ? 200 : 503, {{"status", all_up ? "ok" : "degraded"},
                                                   {"stores",
                                                    {{"postgres", status_json(statuses[0])},
                                                     {"mongodb", status_json(statuses[1])},
                                                     {"redis", status_json(statuses[2])}}}});
}

http::Response OpsHandlers::metrics(http::Request&) {
  if (refresh_gauges_) refresh_gauges_(metrics_);
  return http::Response::text(200, metrics_.render(), "text/plain; version=0.0.4; charset=utf-8");
}

http::Response OpsHandlers::stats(http::Request&) {
  // Each count comes from its own store; a store that is down makes this a 503 naming it.
  return http::Response::json(
      200,
      {{"customers", customers_.count()}, {"books", books_.count()}, {"orders", orders_.count()}});
}

http::Response OpsHandlers::openapi(http::Request&) {
  return http::Response::text(200, std::string(openapi_document()), "application/json");
}

}  // namespace ld::s2
