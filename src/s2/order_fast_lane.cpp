#include "s2/order_fast_lane.hpp"

#include <chrono>
#include <exception>
#include <map>
#include <string>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/log.hpp"
#include "core/store_call.hpp"
#include "domain/orders/order_json.hpp"
#include "http/problem.hpp"
#include "http/router.hpp"
#include "storage/redis/order_keys.hpp"
#include "storage/redis/order_record.hpp"

namespace ld::s2 {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

bool OrderFastLane::take(http::Request& request, http::Respond respond) {
  std::map<std::string, std::string> params;
  if (request.method != "GET" || !request.query.empty() ||
      !http::matches_pattern("/orders/{id}", request.path, params)) {
    return false;
  }
  const auto id = ids::parse_order_id(params["id"]);
  if (!id) return false;  // the workers answer its 400
  request.route = "/orders/{id}";
  request.params = std::move(params);
  app_.begin(request);
  const auto started = Clock::now();
  redis_.get(redis::keys::order(*id), [this, started, request = std::move(request),
                                       respond =
                                           std::move(respond)](redis::AsyncRedis::Reply reply) {
    const double redis_seconds = seconds_since(started);
    http::Response response;
    switch (reply.kind) {
      case redis::AsyncRedis::Reply::Kind::value:
        try {
          response = http::Response::json(200, to_json(redis::decode_order(reply.text)));
        } catch (const std::exception& e) {
          log::event(spdlog::level::err, "unhandled error",
                     {{"rid", request.request_id}, {"error", e.what()}});
          response = http::problem(500, "The server failed to handle the request.");
        }
        break;
      case redis::AsyncRedis::Reply::Kind::nil:
        response = http::problem(not_found("No order has this id."));
        break;
      case redis::AsyncRedis::Reply::Kind::failed:
        // The client hears which store failed; the driver's words stay in the log.
        log::event(spdlog::level::warn, "store failure",
                   {{"rid", request.request_id}, {"error", "redis orders.find: " + reply.text}});
        response = http::problem(StoreUnavailable("redis", reply.text));
        break;
    }
    record_store_call(metrics_, Store::redis, "orders.find", redis_seconds,
                      reply.kind == redis::AsyncRedis::Reply::Kind::failed);
    StoreTimes times;
    const auto redis_index = static_cast<std::size_t>(Store::redis);
    times.ms[redis_index] = redis_seconds * 1000.0;
    times.touched[redis_index] = true;
    respond(app_.finish(request, std::move(response), seconds_since(started), times));
  });
  return true;
}

}  // namespace ld::s2
