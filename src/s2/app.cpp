#include "s2/app.hpp"

#include <strings.h>

#include <algorithm>
#include <cctype>
#include <chrono>

#include <fmt/format.h>

#include "core/digest.hpp"
#include "core/ids.hpp"
#include "core/log.hpp"
#include "core/store_busy.hpp"
#include "core/store_call.hpp"
#include "core/violations.hpp"
#include "http/problem.hpp"
#include "s2/replay.hpp"

namespace ld::s2 {

namespace {

using Clock = std::chrono::steady_clock;

bool is_write(const std::string& method) {
  return method == "POST" || method == "PATCH" || method == "DELETE";
}

bool takes_body(const std::string& method) {
  return method == "POST" || method == "PATCH";
}

// [A-Za-z0-9._:-]{1,128}
bool usable_request_id(const std::string& id) {
  return !id.empty() && id.size() <= 128 && std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == ':' ||
           c == '-';
  });
}

// 1..255 printable ASCII characters.
bool valid_idempotency_key(const std::string& key) {
  return !key.empty() && key.size() <= 255 &&
         std::all_of(key.begin(), key.end(), [](char c) { return c >= 0x20 && c <= 0x7E; });
}

// "application/json; charset=utf-8" -> "application/json"
std::string media_type(const std::string& content_type) {
  std::string type = content_type.substr(0, content_type.find(';'));
  type.erase(
      std::remove_if(type.begin(), type.end(), [](unsigned char c) { return std::isspace(c); }),
      type.end());
  std::transform(type.begin(), type.end(), type.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return type;
}

std::string bearer_token(const http::Request& request) {
  const auto header = request.header("Authorization");
  if (!header || header->size() < 7 || strncasecmp(header->c_str(), "Bearer ", 7) != 0) return {};
  return header->substr(7);
}

// A parameter the endpoint does not take is refused, not ignored: `?email[$ne]=x` must not
// quietly list every customer.
void reject_unknown_query(const http::Request& request, const Route& route) {
  Violations v;
  for (const auto& [name, value] : request.query) {
    if (std::find(route.query.begin(), route.query.end(), name) == route.query.end()) {
      v.add(name, route.query.empty() ? "is not a parameter of this endpoint (it takes none)"
                                      : "is not a parameter of this endpoint");
    }
  }
  v.throw_if_any();
}

// The handler's own entries (/ready names each store it probed) come first.
std::string server_timing(const StoreTimes& times, double app_ms,
                          const std::optional<std::string>& handler_entries) {
  std::string out = handler_entries && !handler_entries->empty() ? *handler_entries + ", " : "";
  for (const Store s : {Store::postgres, Store::mongodb, Store::redis}) {
    const auto i = static_cast<std::size_t>(s);
    if (times.touched[i]) out += fmt::format("{};dur={:.2f}, ", timing_name(s), times.ms[i]);
  }
  return out + fmt::format("app;dur={:.2f}", app_ms);
}

}  // namespace

App::App(AppSettings settings, const Router& router, IdempotencyStore& idempotency,
         IdempotencyLeases& leases, Metrics& metrics)
    : settings_(std::move(settings)),
      router_(router),
      idempotency_(idempotency),
      leases_(leases),
      metrics_(metrics) {}

void App::begin(http::Request& request) const {
  const auto caller_id = request.header("X-Request-Id");
  request.request_id =
      caller_id && usable_request_id(*caller_id) ? *caller_id : ids::new_request_id();
}

http::Response App::handle(http::Request& request) {
  const auto started = Clock::now();
  store_times::reset();
  begin(request);

  http::Response response;
  const auto match = router_.match(request);
  try {
    switch (match.kind) {
      case http::Match::Kind::no_path:
        response = http::problem(404, "There is no resource at this path.");
        break;
      case http::Match::Kind::no_method:
        response = http::problem(405, fmt::format("This resource accepts {}.", match.allow));
        response.set_header("Allow", match.allow);
        break;
      case http::Match::Kind::found:
        response = dispatch(request, *match.route);
        break;
    }
  } catch (const Error& e) {
    response = http::problem(e);
  } catch (const std::exception& e) {
    log::event(spdlog::level::err, "unhandled error",
               {{"rid", request.request_id}, {"error", e.what()}});
    response = http::problem(500, "The server failed to handle the request.");
  }

  const std::chrono::duration<double> elapsed = Clock::now() - started;
  return finish(request, std::move(response), elapsed.count(), store_times::current());
}

http::Response App::finish(const http::Request& request, http::Response response, double seconds,
                           const StoreTimes& times) const {
  const double ms = seconds * 1000.0;
  response.set_header("X-Request-Id", request.request_id);
  response.set_header("Server-Timing", server_timing(times, ms, response.header("Server-Timing")));

  const std::string route = request.route.empty() ? "unmatched" : request.route;
  metrics_.count(
      "http_requests_total",
      {{"method", request.method}, {"route", route}, {"status", std::to_string(response.status)}});
  metrics_.observe("http_request_duration_seconds", {{"method", request.method}, {"route", route}},
                   seconds);
  log::event(response.status >= 500 ? spdlog::level::warn : spdlog::level::info,
             fmt::format("{} {} {} {:.1f}ms", request.method, request.path, response.status, ms),
             {{"rid", request.request_id}});
  return response;
}

std::optional<http::Response> App::screen(const http::RequestHead& head) const {
  if (settings_.api_token.empty() || !is_write(head.method)) return std::nullopt;
  http::Request probe;
  probe.method = head.method;
  probe.path = head.target.substr(0, head.target.find('?'));
  probe.headers = head.headers;
  // Unknown paths and methods keep their 404/405 from the full pipeline.
  if (router_.match(probe).kind != http::MatchKind::found) return std::nullopt;
  if (digest::equal_constant_time(bearer_token(probe), settings_.api_token)) return std::nullopt;
  return http::problem(
      Error(ErrorKind::unauthorized, "A valid bearer token is required for this request."));
}

std::string App::allowed_methods(std::string_view path) const {
  http::Request probe;
  probe.method = "QUERY";  // no route takes it, so a served path answers with its Allow list
  probe.path = std::string(path);
  const auto match = router_.match(probe);
  return match.kind == http::MatchKind::no_method ? match.allow : std::string();
}

http::Response App::dispatch(http::Request& request, const Route& route) {
  if (is_write(request.method) && !settings_.api_token.empty() &&
      !digest::equal_constant_time(bearer_token(request), settings_.api_token)) {
    throw Error(ErrorKind::unauthorized, "A valid bearer token is required for this request.");
  }
  reject_unknown_query(request, route);
  if (takes_body(request.method)) {
    if (request.body.size() > settings_.max_body_bytes) {
      throw Error(ErrorKind::payload_too_large,
                  fmt::format("The body must be at most {} bytes.", settings_.max_body_bytes));
    }
    const auto type = media_type(request.header("Content-Type").value_or(""));
    const bool json = type == "application/json" ||
                      (request.method == "PATCH" && type == "application/merge-patch+json");
    if (!json) {
      throw Error(ErrorKind::unsupported_media_type,
                  request.method == "PATCH"
                      ? "The body must be application/json or application/merge-patch+json."
                      : "The body must be application/json.");
    }
    if (const auto key = request.header("Idempotency-Key")) {
      if (!valid_idempotency_key(*key)) {
        throw invalid_field("Idempotency-Key", "must be 1 to 255 printable ASCII characters");
      }
      return run_idempotent(request, route, *key);
    }
  }
  return run_handler(request, route, nullptr);
}

http::Response App::run_handler(http::Request& request, const Route& route,
                                IdempotencyScope* scope) {
  try {
    return route.handler(request, scope);
  } catch (const Error& e) {
    // A full pool's refusal is S2 keeping the store's limit, not a failure worth a line of its
    // own (under a flood there are thousands a second); the access log line still records it.
    const bool refused_busy = dynamic_cast<const StoreBusy*>(&e) != nullptr;
    if ((e.kind() == ErrorKind::unavailable || e.kind() == ErrorKind::internal) && !refused_busy) {
      // The client hears which store failed; the driver's words stay in the log.
      log::event(spdlog::level::warn, "store failure",
                 {{"rid", request.request_id}, {"error", e.what()}});
    }
    return http::problem(e);
  }
}

http::Response App::run_idempotent(http::Request& request, const Route& route,
                                   const std::string& client_key) {
  // Scoped per method and path, so one key can't replay another endpoint's answer.
  const std::string key = fmt::format("{} {} {}", request.method, request.path, client_key);
  const std::string fingerprint = digest::sha256_hex(request.body);
  const auto begun = idempotency_.begin(key, fingerprint, ids::new_uuid_v7());
  switch (begun.outcome) {
    case IdempotencyStore::Outcome::replay:
      return replayed(begun.response);
    case IdempotencyStore::Outcome::in_progress:
      throw Error(ErrorKind::conflict, "A request with this Idempotency-Key is still running.",
                  {{"Idempotency-Key", "is in use by a request that has not finished"}});
    case IdempotencyStore::Outcome::mismatch:
      throw Error(ErrorKind::unprocessable, "This Idempotency-Key was used with another body.",
                  {{"Idempotency-Key", "was already used with a different body"}});
    case IdempotencyStore::Outcome::started:
      break;
  }

  // Renewed while this request runs, until its record is completed or abandoned; if the
  // request dies with this S2, or its unlock is lost, the key is free again within one lease.
  const IdempotencyLeases::Held lease(leases_, key);
  IdempotencyScope scope(key, fingerprint, begun.promised_id);
  http::Response response;
  try {
    response = run_handler(request, route, &scope);
  } catch (...) {
    // 5xx (a store down, a bug): unlock the key so the client's retry runs again.
    try {
      idempotency_.abandon(key);
    } catch (const std::exception&) {
      // No longer renewed, the lease runs out within seconds; the original error is the one
      // to report.
    }
    throw;
  }
  try {
    if (scope.recorded()) {
      // Stored with the order itself.
    } else if (response.status < 500) {
      idempotency_.complete(scope.outcome(stored_response(response)));
    } else {
      idempotency_.abandon(key);
    }
  } catch (const std::exception& e) {
    // The work is done and stored; only the replay record is missing. Answer truthfully; once
    // the lock runs out, a retry runs again (an order's retry finds its order stored).
    log::event(spdlog::level::warn, "idempotency record not saved",
               {{"rid", request.request_id}, {"error", e.what()}});
  }
  return response;
}

void describe_metrics(Metrics& metrics) {
  metrics.describe("http_requests_total", "counter", "HTTP requests by method, route and status.");
  metrics.describe("http_request_duration_seconds", "histogram",
                   "HTTP request latency by method and route.");
  metrics.describe("store_operation_duration_seconds", "histogram",
                   "Time spent in each store operation.");
  metrics.describe("store_errors_total", "counter", "Failed store operations by store.");
  metrics.describe("store_pool_connections", "gauge", "Store pool connections by state.");
  metrics.describe("stock_records_swept_total", "counter",
                   "Stock holds and returns the sweep settled, released, restocked or forgot.");
}

}  // namespace ld::s2
