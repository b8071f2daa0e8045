// The gate every byte from a client passes before the HTTP library sees it. It reads each
// request's head on its own, judges it by the head alone (version, Host, method, size of the
// target and of the header section, Content-Length, the application's own say, e.g. a missing
// token) and only then lets the head and its body through. A request it refuses never has its
// body read: the client hears 400/401/413/414/431/501/503/505 at once and the connection closes.
// It also keeps the bodies being received by all connections together under one budget.
#pragma once

#include <http_parser.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace ld::http {

struct GateLimits {
  std::size_t max_target_bytes = 8 * 1024;   // request target; past it: 414
  std::size_t max_head_bytes = 16 * 1024;    // request line and header fields; past it: 431
  std::uint64_t max_body_bytes = 1'048'576;  // one body; past it: 413
};

// What the gate knows of a request when it judges it: everything but the body.
struct RequestHead {
  std::string method;
  std::string target;
  Headers headers;
  std::optional<std::uint64_t> content_length;  // absent for chunked bodies or no body
};

// The application's judgement of a head: a response refuses the request before its body is read.
using HeadCheck = std::function<std::optional<Response>(const RequestHead&)>;
// The methods a path takes ("GET, PATCH"), empty for a path the application does not serve: a
// method no HTTP parser knows (QUERY) then gets 405 with Allow for a served path, else 501.
using AllowedMethods = std::function<std::string(std::string_view path)>;

// Bytes of bodies admitted but not yet fully received, across every connection.
class BodyBudget {
 public:
  explicit BodyBudget(std::uint64_t limit) : limit_(limit) {}
  bool try_take(std::uint64_t bytes);
  void give_back(std::uint64_t bytes) { in_use_ -= bytes; }
  std::uint64_t in_use() const { return in_use_; }

 private:
  const std::uint64_t limit_;
  std::atomic<std::uint64_t> in_use_{0};
};

struct GateRules {
  GateLimits limits;
  BodyBudget* budget = nullptr;  // none: bodies are only bounded one by one
  HeadCheck check;               // none: the application judges nothing early
  AllowedMethods allowed;        // none: unknown methods always get 501
};

// A problem+json answer for a request refused at the gate.
Response gate_problem(int status, std::string detail);

class RequestGate {
 public:
  explicit RequestGate(const GateRules& rules);
  ~RequestGate();
  RequestGate(const RequestGate&) = delete;
  RequestGate& operator=(const RequestGate&) = delete;

  // Takes bytes read from the client. Cleared bytes collect in cleared(); once a request is
  // refused, refusal() holds its answer and every later byte is ignored.
  void take(const char* data, std::size_t size);

  std::string& cleared() { return cleared_; }
  bool refused() const { return refused_; }
  // The answer to the refused request; empty before a refusal and once taken.
  std::optional<Response> take_refusal() { return std::exchange(refusal_, std::nullopt); }

 private:
  enum class Phase { head, body_passing, body_held, unknown_method };

  static int on_message_begin(http_parser* parser);
  static int on_url(http_parser* parser, const char* at, std::size_t length);
  static int on_header_field(http_parser* parser, const char* at, std::size_t length);
  static int on_header_value(http_parser* parser, const char* at, std::size_t length);
  static int on_headers_complete(http_parser* parser);
  static int on_body(http_parser* parser, const char* at, std::size_t length);
  static int on_message_complete(http_parser* parser);

  // Decides on a complete head; nullopt admits it.
  std::optional<Response> judge();
  void refuse(Response answer);
  void refuse_for_parse_error();
  // Waits for the whole request line of a method the parser does not know, then answers it.
  void judge_unknown_method();
  void release_reservation();

  const GateRules& rules_;
  http_parser parser_{};
  http_parser_settings settings_{};
  Phase phase_ = Phase::head;
  std::string held_;     // the current request's bytes, while they are still being judged
  std::string cleared_;  // bytes cleared for the HTTP library
  RequestHead head_;
  bool last_was_value_ = true;
  bool head_complete_ = false;
  bool message_complete_ = false;
  std::uint64_t body_seen_ = 0;
  std::uint64_t reserved_ = 0;
  bool refused_ = false;
  std::optional<Response> refusal_;
  std::optional<Response> pending_refusal_;  // set by a callback, applied after the parser stops
};

}  // namespace ld::http
