// A TCP socket for RESTinio whose reads pass through a RequestGate. RESTinio (0.6 in Debian 12)
// reads a whole request, body included, before a handler runs and answers nothing when its own
// limits trip; the gate lets S2 judge each request by its head first. A refused request reaches
// RESTinio as a short stand-in request naming the answer lodged for it, so the answer goes out
// in order with any earlier pipelined responses, and the connection then closes.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include <restinio/asio_include.hpp>
#include <restinio/tls_fwd.hpp>

#include "http/request_gate.hpp"

namespace ld::http {

// What every gated socket made on one io_context shares: the rules and the answers to refused
// requests waiting for RESTinio to hand over their stand-ins.
class GateContext {
 public:
  GateContext(asio::io_context& io, GateLimits limits, std::uint64_t body_budget, HeadCheck check,
              AllowedMethods allowed);
  ~GateContext();
  GateContext(const GateContext&) = delete;
  GateContext& operator=(const GateContext&) = delete;

  // The context registered for `io` (RESTinio makes sockets from an io_context alone).
  static GateContext* of(const asio::io_context& io);

  const GateRules& rules() const { return rules_; }
  const BodyBudget& budget() const { return budget_; }

  // Keeps `answer` and returns the stand-in request whose target names it.
  std::string lodge(Response answer);
  // The answer a stand-in's target names, once; nullopt for any other target.
  std::optional<Response> collect(std::string_view target);

  // Reads and discards what a refused client still sends, for up to two seconds or 16 MiB,
  // then closes `socket`. False (and `socket` untouched) when too many already linger.
  bool linger(asio::ip::tcp::socket&& socket);

 private:
  const asio::io_context& io_;
  BodyBudget budget_;
  GateRules rules_;
  std::string prefix_;  // "/.gate/<random>/": no client can name a lodged answer
  std::mutex mutex_;
  std::uint64_t next_ = 0;
  std::map<std::uint64_t, Response> lodged_;
  std::shared_ptr<std::atomic<int>> lingering_ = std::make_shared<std::atomic<int>>(0);
};

class GatedSocket {
 public:
  using executor_type = asio::ip::tcp::socket::executor_type;

  explicit GatedSocket(asio::io_context& io) : socket_(io), context_(GateContext::of(io)) {}
  GatedSocket(GatedSocket&&) = default;
  GatedSocket& operator=(GatedSocket&&) = default;

  asio::ip::tcp::socket& lowest_layer() { return socket_; }
  const asio::ip::tcp::socket& lowest_layer() const { return socket_; }
  executor_type get_executor() { return socket_.get_executor(); }
  auto remote_endpoint() const { return socket_.remote_endpoint(); }
  bool is_open() const { return socket_.is_open(); }
  void cancel(asio::error_code& ec) { socket_.cancel(ec); }
  // After a refusal the client may still be sending the body it announced; closing now would
  // reset the connection and could destroy the answer before the client reads it. So the
  // socket only stops sending, and close() leaves it to drain for a moment (see linger()).
  void shutdown(asio::ip::tcp::socket::shutdown_type what, asio::error_code& ec) {
    socket_.shutdown(refused() ? asio::ip::tcp::socket::shutdown_send : what, ec);
  }
  void close() {
    asio::error_code ignored;
    close(ignored);
  }
  void close(asio::error_code& ec) {
    if (refused() && context_->linger(std::move(socket_))) return;
    socket_.close(ec);
  }

  template <typename ConstBuffers, typename Handler>
  auto async_write_some(const ConstBuffers& buffers, Handler&& handler) {
    return socket_.async_write_some(buffers, std::forward<Handler>(handler));
  }

  // Completes with bytes the gate cleared; bytes still being judged are read but held back.
  template <typename Handler>
  void async_read_some(asio::mutable_buffer buffer, Handler handler) {
    State& state = this->state();
    const auto executor = asio::get_associated_executor(handler, socket_.get_executor());
    if (!state.out.empty()) {
      const std::size_t n = state.hand_over(buffer);
      asio::post(executor, [h = std::move(handler), n]() mutable { h(asio::error_code{}, n); });
      return;
    }
    socket_.async_read_some(
        buffer,
        asio::bind_executor(executor, [this, buffer, h = std::move(handler)](
                                          const asio::error_code& ec, std::size_t n) mutable {
          if (ec) {
            h(ec, n);
            return;
          }
          State& s = this->state();
          s.admit(static_cast<const char*>(buffer.data()), n, *context_);
          if (s.out.empty()) {
            // Nothing cleared yet (a head still arriving, or a refused client's leftovers).
            async_read_some(buffer, std::move(h));
            return;
          }
          h(asio::error_code{}, s.hand_over(buffer));
        }));
  }

 private:
  struct State {
    explicit State(const GateRules& rules) : gate(rules) {}
    // Runs bytes read through the gate; cleared bytes and any stand-in go to `out`.
    void admit(const char* data, std::size_t size, GateContext& context);
    // Copies what fits of `out` into `buffer`.
    std::size_t hand_over(asio::mutable_buffer buffer);

    RequestGate gate;
    std::string out;         // cleared bytes not yet handed to RESTinio
    std::size_t out_at = 0;  // how much of `out` RESTinio already has
  };

  bool refused() const { return state_ && state_->gate.refused(); }

  State& state() {
    if (!state_) state_ = std::make_unique<State>(context_->rules());
    return *state_;
  }

  asio::ip::tcp::socket socket_;
  GateContext* context_;
  std::unique_ptr<State> state_;
};

// RESTinio's connection calls these unqualified, so they are found here by argument lookup.
template <typename Connection, typename StartRead, typename Failed>
void prepare_connection_and_start_read(GatedSocket&, Connection&, StartRead start_read, Failed) {
  start_read();
}
inline restinio::tls_socket_t* make_tls_socket_pointer_for_state_listener(GatedSocket&) noexcept {
  return nullptr;
}

}  // namespace ld::http
