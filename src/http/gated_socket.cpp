#include "http/gated_socket.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

#include "core/ids.hpp"

namespace ld::http {

namespace {

std::mutex registry_mutex;
std::map<const asio::io_context*, GateContext*> registry;

constexpr auto kLingerTime = std::chrono::seconds(2);
constexpr std::size_t kLingerBytes = 16 * 1024 * 1024;
constexpr int kMaxLingering = 256;

// A closed connection's socket, kept open for reading only, until the client stops sending.
class Lingerer : public std::enable_shared_from_this<Lingerer> {
 public:
  Lingerer(asio::ip::tcp::socket&& socket, std::shared_ptr<std::atomic<int>> count)
      : strand_(asio::make_strand(socket.get_executor())),
        socket_(std::move(socket)),
        timer_(strand_),
        count_(std::move(count)) {}
  ~Lingerer() { --*count_; }

  void start() {
    timer_.expires_after(kLingerTime);
    timer_.async_wait(asio::bind_executor(strand_, [self = shared_from_this()](auto ec) {
      if (!ec) self->end();
    }));
    read();
  }

 private:
  void read() {
    socket_.async_read_some(
        asio::buffer(buffer_),
        asio::bind_executor(strand_, [self = shared_from_this()](auto ec, std::size_t n) {
          self->drained_ += n;
          if (ec || self->drained_ > kLingerBytes) {
            self->end();
            return;
          }
          self->read();
        }));
  }

  void end() {
    asio::error_code ignored;
    timer_.cancel();
    socket_.close(ignored);
  }

  asio::strand<asio::ip::tcp::socket::executor_type> strand_;
  asio::ip::tcp::socket socket_;
  asio::steady_timer timer_;
  std::shared_ptr<std::atomic<int>> count_;
  std::array<char, 16384> buffer_{};
  std::size_t drained_ = 0;
};

}  // namespace

GateContext::GateContext(asio::io_context& io, GateLimits limits, std::uint64_t body_budget,
                         HeadCheck check, AllowedMethods allowed)
    : io_(io),
      budget_(body_budget),
      rules_{limits, &budget_, std::move(check), std::move(allowed)},
      prefix_(fmt::format("/.gate/{}/", ids::new_uuid_v7())) {
  const std::lock_guard lock(registry_mutex);
  registry[&io_] = this;
}

GateContext::~GateContext() {
  const std::lock_guard lock(registry_mutex);
  registry.erase(&io_);
}

GateContext* GateContext::of(const asio::io_context& io) {
  const std::lock_guard lock(registry_mutex);
  const auto it = registry.find(&io);
  if (it == registry.end()) throw std::logic_error("no gate context for this io_context");
  return it->second;
}

std::string GateContext::lodge(Response answer) {
  const std::lock_guard lock(mutex_);
  const std::uint64_t id = next_++;
  lodged_.emplace(id, std::move(answer));
  return fmt::format("GET {}{} HTTP/1.1\r\nHost: gate\r\nConnection: close\r\n\r\n", prefix_, id);
}

std::optional<Response> GateContext::collect(std::string_view target) {
  if (target.substr(0, prefix_.size()) != prefix_) return std::nullopt;
  std::uint64_t id = 0;
  for (const char c : target.substr(prefix_.size())) {
    if (c < '0' || c > '9') return std::nullopt;
    id = id * 10 + static_cast<std::uint64_t>(c - '0');
  }
  const std::lock_guard lock(mutex_);
  auto node = lodged_.extract(id);
  if (node.empty()) return std::nullopt;
  return std::move(node.mapped());
}

bool GateContext::linger(asio::ip::tcp::socket&& socket) {
  if (++*lingering_ > kMaxLingering) {
    --*lingering_;
    return false;
  }
  std::make_shared<Lingerer>(std::move(socket), lingering_)->start();
  return true;
}

void GatedSocket::State::admit(const char* data, std::size_t size, GateContext& context) {
  const bool was_refused = gate.refused();
  gate.take(data, size);
  out += gate.cleared();
  gate.cleared().clear();
  if (!was_refused && gate.refused()) {
    if (auto answer = gate.take_refusal()) out += context.lodge(std::move(*answer));
  }
}

std::size_t GatedSocket::State::hand_over(asio::mutable_buffer buffer) {
  const std::size_t n = std::min(out.size() - out_at, buffer.size());
  std::memcpy(buffer.data(), out.data() + out_at, n);
  out_at += n;
  if (out_at == out.size()) {
    out.clear();
    out_at = 0;
  }
  return n;
}

}  // namespace ld::http
