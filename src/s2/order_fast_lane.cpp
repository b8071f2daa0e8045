#include "s2/order_fast_lane.hpp"

#include <map>
#include <string>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "domain/orders/order_json.hpp"
#include "http/problem.hpp"
#include "http/router.hpp"
#include "s2/fast_lane.hpp"
#include "storage/redis/order_keys.hpp"
#include "storage/redis/order_record.hpp"

namespace ld::s2 {

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
  const auto started = fast_lane::Clock::now();
  redis_.get(
      redis::keys::order(*id), [this, started, request = std::move(request),
                                respond = std::move(respond)](redis::AsyncRedis::Reply reply) {
        using Kind = redis::AsyncRedis::Reply::Kind;
        http::Response response;
        switch (reply.kind) {
          case Kind::value:
            response = fast_lane::built(request, [&] {
              return http::Response::json(200, to_json(redis::decode_order(reply.text)));
            });
            break;
          case Kind::nil:
            response = http::problem(not_found("No order has this id."));
            break;
          case Kind::failed:
            response = fast_lane::store_failed(request, Store::redis, "orders.find", reply.text);
            break;
        }
        fast_lane::send(app_, metrics_, Store::redis, "orders.find", reply.kind == Kind::failed,
                        started, request, std::move(response), respond);
      });
  return true;
}

}  // namespace ld::s2
