// S2's request pipeline around the route table, in the order the contract fixes:
// request id -> route -> 401 -> 413/415 -> Idempotency-Key -> handler -> problem mapping ->
// X-Request-Id, Server-Timing, metrics and the access log line.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/metrics.hpp"
#include "core/store_call.hpp"
#include "domain/shared/idempotency.hpp"
#include "domain/shared/idempotency_leases.hpp"
#include "http/message.hpp"
#include "http/request_gate.hpp"
#include "s2/routes.hpp"

namespace ld::s2 {

struct AppSettings {
  std::string api_token;                   // empty: writes need no token
  std::size_t max_body_bytes = 1'048'576;  // 1 MiB
};

class App {
 public:
  // `leases` renews the Idempotency-Key lock of every keyed request while it runs.
  App(AppSettings settings, const Router& router, IdempotencyStore& idempotency,
      IdempotencyLeases& leases, Metrics& metrics);

  http::Response handle(http::Request& request);

  // handle()'s first and last steps, for an answer made between them elsewhere (the fast lane,
  // s2/order_fast_lane.hpp): the request id, then the X-Request-Id and Server-Timing headers,
  // the metrics and the access log line. `seconds` is the whole request's time, `times` its
  // stores'.
  void begin(http::Request& request) const;
  http::Response finish(const http::Request& request, http::Response response, double seconds,
                        const StoreTimes& times) const;

  // Judges a request by its head alone, before its body is read: a write to an existing route
  // without the token gets its 401 here, so an unauthenticated client never costs a body.
  std::optional<http::Response> screen(const http::RequestHead& head) const;
  // The methods the route table serves at `path` ("GET, PATCH"); empty when none.
  std::string allowed_methods(std::string_view path) const;

 private:
  http::Response dispatch(http::Request& request, const Route& route);
  http::Response run_idempotent(http::Request& request, const Route& route,
                                const std::string& client_key);
  http::Response run_handler(http::Request& request, const Route& route, IdempotencyScope* scope);

  AppSettings settings_;
  const Router& router_;
  IdempotencyStore& idempotency_;
  IdempotencyLeases& leases_;
  Metrics& metrics_;
};

// Declares every metric family S2 exports, with its help text.
void describe_metrics(Metrics& metrics);

}  // namespace ld::s2
