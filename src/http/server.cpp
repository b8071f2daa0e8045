#include "http/server.hpp"

#include <restinio/all.hpp>

#include "core/ids.hpp"
#include "http/gated_socket.hpp"
#include "http/problem.hpp"
#include "http/status.hpp"

namespace ld::http {

namespace {

// Every connection reads through the gate, and their number is bounded.
struct Traits : restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t,
                                   restinio::details::autodetect_request_handler_type,
                                   restinio::default_strand_t, GatedSocket> {
  static constexpr bool use_connection_count_limiter = true;
};
using RunningServer = restinio::running_server_handle_t<Traits>;

// Builds the handler-facing Request from RESTinio's; false when the target can't be decoded.
bool convert(const restinio::request_t& in, Request& out) {
  const auto& head = in.header();
  out.method = head.method().c_str();
  auto path =
      restinio::utils::try_unescape_percent_encoding<restinio::utils::relaxed_unescape_traits>(
          head.path());
  if (!path) return false;
  out.path = std::move(*path);
  auto query = restinio::try_parse_query<restinio::parse_query_traits::relaxed>(head.query());
  if (!query) return false;
  for (const auto& [name, value] : *query) {
    out.query.emplace(std::string(name), std::string(value));  // first value of a name wins
  }
  head.for_each_field([&out](const restinio::http_header_field_t& field) {
    out.headers.emplace_back(field.name(), field.value());
  });
  out.body = in.body();
  return true;
}

void send(const restinio::request_handle_t& req, const Response& response, bool close) {
  auto out = req->create_response(restinio::http_status_line_t{
      restinio::http_status_code_t{static_cast<std::uint16_t>(response.status)},
      std::string(reason_phrase(response.status))});
  out.append_header_date_field();
  if (!response.content_type.empty()) {
    out.append_header(restinio::http_field::content_type, response.content_type);
  }
  for (const auto& [name, value] : response.headers) out.append_header(name, value);
  if (close) out.connection_close();
  out.set_body(response.body);
  out.done();
}

// Headers every response carries, for answers made before the application ran.
void add_missing_identity(Response& response) {
  if (!response.header("X-Request-Id")) {
    response.set_header("X-Request-Id", ids::new_request_id());
    response.set_header("Server-Timing", "app;dur=0.00");
  }
}

}  // namespace

struct Server::Impl {
  ServerSettings settings;
  Application app;
  WorkerPool& workers;
  FastLane fast_lane;
  asio::io_context io;
  GateContext gate;
  RunningServer running;

  Impl(ServerSettings s, Application a, WorkerPool& w)
      : settings(std::move(s)),
        app(std::move(a)),
        workers(w),
        gate(io, settings.limits, settings.body_budget, settings.head_check,
             settings.allowed_methods) {}
};

Server::Server(ServerSettings settings, Application app, WorkerPool& workers)
    : impl_(std::make_unique<Impl>(std::move(settings), std::move(app), workers)) {}

asio::io_context& Server::io_context() {
  return impl_->io;
}

void Server::use_fast_lane(FastLane lane) {
  impl_->fast_lane = std::move(lane);
}

Server::~Server() {
  stop();
}

void Server::start() {
  auto* impl = impl_.get();
  auto* draining = &draining_;
  auto handler = [impl, draining](restinio::request_handle_t req) {
    if (auto refusal = impl->gate.collect(req->header().request_target())) {
      // A request the gate refused by its head: its answer goes out and the connection closes.
      refusal->set_header("X-Request-Id", ids::new_request_id());
      refusal->set_header("Server-Timing", "app;dur=0.00");
      // Answered from a later turn of the I/O loop, never from inside this call: RESTinio may
      // be calling here right after a write, and a closing response made inline trips it.
      asio::post(impl->io, [req, answer = std::move(*refusal)] { send(req, answer, true); });
      return restinio::request_accepted();
    }
    const bool closing = draining->load();
    // A GET is read here, on the I/O thread, so the fast lane can take it; what it leaves, and
    // every other request, goes to a worker, which reads it there unless it was read here.
    std::shared_ptr<Request> read_here;
    if (impl->fast_lane && !closing && req->header().method() == restinio::http_method_get()) {
      read_here = std::make_shared<Request>();
      if (!convert(*req, *read_here)) {
        read_here.reset();  // the worker reads it again and answers its 400
      } else if (impl->fast_lane(*read_here, [req](Response response) {
                   add_missing_identity(response);
                   send(req, response, false);
                 })) {
        return restinio::request_accepted();
      }
    }
    auto task = [impl, req, read_here, closing] {
      Request request;
      bool readable = true;
      if (read_here) {
        request = std::move(*read_here);
      } else {
        readable = convert(*req, request);
      }
      Response response;
      if (!readable) {
        response = problem(400, "The request target is not valid.");
      } else if (closing) {
        response = problem(503, "The server is shutting down.");
        response.set_header("Retry-After", "1");
      } else {
        response = impl->app(request);
      }
      add_missing_identity(response);
      send(req, response, closing);
    };
    if (!impl->workers.submit(task)) {
      // Every worker is busy and the queue is full: say so now instead of queueing forever.
      Response busy = problem(503, "The server is at capacity.");
      busy.set_header("Retry-After", "1");
      busy.set_header("X-Request-Id", ids::new_request_id());
      busy.set_header("Server-Timing", "app;dur=0.00");
      send(req, busy, false);
    }
    return restinio::request_accepted();
  };

  auto settings =
      restinio::server_settings_t<Traits>{}
          .address(impl->settings.host)
          .port(impl->settings.port)
          .read_next_http_message_timelimit(impl->settings.read_timeout)
          .handle_request_timeout(impl->settings.handle_timeout)
          // The gate enforces these first and answers; RESTinio's own checks stay as a backstop.
          .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}
                                        .max_url_size(impl->settings.limits.max_target_bytes)
                                        .max_field_value_size(impl->settings.limits.max_head_bytes)
                                        .max_body_size(impl->settings.limits.max_body_bytes))
          .max_parallel_connections(impl->settings.max_connections)
          .request_handler(std::move(handler));
  impl->running = restinio::run_async(restinio::external_io_context(impl->io), std::move(settings),
                                      impl->settings.io_threads);
}

void Server::stop() {
  if (impl_ && impl_->running) {
    impl_->running->stop();
    impl_->running->wait();
    impl_->running.reset();
  }
}

}  // namespace ld::http
