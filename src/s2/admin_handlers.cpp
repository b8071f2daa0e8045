#include "s2/admin_handlers.hpp"

#include <strings.h>

#include "core/digest.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"

namespace ld::s2 {

namespace {

http::Response stored(const nlohmann::ordered_json& body) {
  // ordered_json keeps the stores' own column and field order.
  http::Response response = http::Response::text(200, body.dump(), "application/json");
  response.set_header("Cache-Control", "no-store");
  return response;
}

}  // namespace

void AdminHandlers::require_token(const http::Request& request) const {
  if (api_token_.empty()) {
    throw not_found("The admin endpoints are off: S2 runs without an API token.");
  }
  const auto header = request.header("Authorization").value_or("");
  const bool bearer = header.size() > 7 && strncasecmp(header.c_str(), "Bearer ", 7) == 0;
  if (!bearer || !digest::equal_constant_time(header.substr(7), api_token_)) {
    throw Error(ErrorKind::unauthorized, "A valid bearer token is required for this request.");
  }
}

http::Response AdminHandlers::customer(http::Request& request) {
  require_token(request);
  const auto id = ids::parse_customer_id(request.param("id"));
  if (!id) throw invalid_field("id", "must be a positive integer without sign or leading zeros");
  const auto rows = customers_.customer(*id);
  if (!rows) throw not_found("No customer has this id.");
  return stored(*rows);
}

http::Response AdminHandlers::book(http::Request& request) {
  require_token(request);
  const auto id = ids::parse_book_id(request.param("id"));
  if (!id) throw invalid_field("id", "must be 24 hexadecimal digits");
  const auto document = books_.book(*id);
  if (!document) throw not_found("No book has this id.");
  return stored(*document);
}

http::Response AdminHandlers::order(http::Request& request) {
  require_token(request);
  const auto id = ids::parse_order_id(request.param("id"));
  if (!id) throw invalid_field("id", "must be an order id (a UUID such as 0190c3e2-...)");
  const auto keys = orders_.order(*id);
  if (!keys) throw not_found("No order has this id.");
  return stored(*keys);
}

}  // namespace ld::s2
