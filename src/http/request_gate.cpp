#include "http/request_gate.hpp"

#include <strings.h>

#include <algorithm>
#include <climits>

#include <fmt/format.h>

#include "http/status.hpp"

namespace ld::http {

namespace {

RequestGate& gate_of(http_parser* parser) {
  return *static_cast<RequestGate*>(parser->data);
}

bool named(const std::string& name, const char* wanted) {
  return strcasecmp(name.c_str(), wanted) == 0;
}

}  // namespace

bool BodyBudget::try_take(std::uint64_t bytes) {
  std::uint64_t used = in_use_.load();
  do {
    if (used + bytes > limit_) return false;
  } while (!in_use_.compare_exchange_weak(used, used + bytes));
  return true;
}

Response gate_problem(int status, std::string detail) {
  auto response = Response::json(status, {{"type", "about:blank"},
                                          {"title", std::string(reason_phrase(status))},
                                          {"status", status},
                                          {"detail", std::move(detail)}});
  response.content_type = "application/problem+json";
  return response;
}

RequestGate::RequestGate(const GateRules& rules) : rules_(rules) {
  http_parser_init(&parser_, HTTP_REQUEST);
  parser_.data = this;
  http_parser_settings_init(&settings_);
  settings_.on_message_begin = &RequestGate::on_message_begin;
  settings_.on_url = &RequestGate::on_url;
  settings_.on_header_field = &RequestGate::on_header_field;
  settings_.on_header_value = &RequestGate::on_header_value;
  settings_.on_headers_complete = &RequestGate::on_headers_complete;
  settings_.on_body = &RequestGate::on_body;
  settings_.on_message_complete = &RequestGate::on_message_complete;
}

RequestGate::~RequestGate() {
  release_reservation();
}

void RequestGate::take(const char* data, std::size_t size) {
  if (phase_ == Phase::unknown_method && !refused_) {
    held_.append(data, size);
    judge_unknown_method();
    return;
  }
  while (size > 0 && !refused_) {
    const std::size_t used = http_parser_execute(&parser_, &settings_, data, size);
    const auto error = HTTP_PARSER_ERRNO(&parser_);
    // Bytes of a request still being judged, or of a chunked body still being counted, wait
    // here; the rest of an admitted request goes straight on.
    (phase_ == Phase::body_passing ? cleared_ : held_).append(data, used);
    data += used;
    size -= used;

    if (error == HPE_INVALID_METHOD && phase_ == Phase::head) {
      phase_ = Phase::unknown_method;
      held_.append(data, size);
      judge_unknown_method();
      return;
    }
    if (error != HPE_OK && error != HPE_PAUSED) {
      if (pending_refusal_) {
        refuse(std::move(*pending_refusal_));
      } else {
        refuse_for_parse_error();
      }
      return;
    }
    if (error == HPE_PAUSED) http_parser_pause(&parser_, 0);

    if (head_complete_) {
      head_complete_ = false;
      if (auto refusal = judge()) {
        refuse(std::move(*refusal));
        return;
      }
      if (phase_ == Phase::head) {
        phase_ = head_.content_length ? Phase::body_passing : Phase::body_held;
        if (phase_ == Phase::body_passing) {
          cleared_ += held_;
          held_.clear();
        }
      }
    }
    if (message_complete_) {
      message_complete_ = false;
      cleared_ += held_;
      held_.clear();
      release_reservation();
      phase_ = Phase::head;
      continue;
    }

    if (phase_ == Phase::head) {
      // An HTTP/0.9 request line ("GET /") has no version: refuse it as soon as it ends.
      if (parser_.http_major == 0 && parser_.http_minor == 9) {
        refuse(gate_problem(400, "The request line must end with an HTTP/1.x version."));
        return;
      }
      if (held_.size() > rules_.limits.max_head_bytes) {
        refuse(gate_problem(431, fmt::format("The request line and header fields must be at most "
                                             "{} bytes.",
                                             rules_.limits.max_head_bytes)));
        return;
      }
    } else if (phase_ == Phase::body_held &&
               held_.size() > rules_.limits.max_head_bytes + 2 * rules_.limits.max_body_bytes) {
      // Chunk framing beyond any reasonable overhead for a body within its limit.
      refuse(gate_problem(
          413, fmt::format("The body must be at most {} bytes.", rules_.limits.max_body_bytes)));
      return;
    }
  }
}

std::optional<Response> RequestGate::judge() {
  if (parser_.http_major != 1) {
    return parser_.http_major == 0
               ? gate_problem(400, "The request line must end with an HTTP/1.x version.")
               : gate_problem(505, "This server speaks HTTP/1.0 and HTTP/1.1.");
  }
  if (held_.size() > rules_.limits.max_head_bytes) {
    return gate_problem(431, fmt::format("The request line and header fields must be at most {} "
                                         "bytes.",
                                         rules_.limits.max_head_bytes));
  }
  if (parser_.upgrade) {
    return gate_problem(501, "This server does not switch protocols or tunnel connections.");
  }
  const auto hosts = std::count_if(head_.headers.begin(), head_.headers.end(),
                                   [](const auto& field) { return named(field.first, "Host"); });
  if (parser_.http_minor >= 1 && hosts != 1) {
    return gate_problem(400, "An HTTP/1.1 request needs exactly one Host header field.");
  }
  if (hosts > 1) return gate_problem(400, "A request has at most one Host header field.");
  const bool chunked = (parser_.flags & F_CHUNKED) != 0;
  if (parser_.uses_transfer_encoding && !chunked) {
    return gate_problem(501, "The only transfer coding this server reads is chunked.");
  }
  head_.method = http_method_str(static_cast<http_method>(parser_.method));
  if (chunked) {
    head_.content_length.reset();
  } else {
    head_.content_length = parser_.content_length == ULLONG_MAX ? 0 : parser_.content_length;
  }

  // The application speaks first (401 comes before 413 in the contract).
  if (rules_.check) {
    if (auto answer = rules_.check(head_)) return answer;
  }
  const std::uint64_t limit = rules_.limits.max_body_bytes;
  if (head_.content_length && *head_.content_length > limit) {
    return gate_problem(413, fmt::format("The body must be at most {} bytes.", limit));
  }
  const std::uint64_t reserve = head_.content_length ? *head_.content_length : limit;
  if (reserve > 0 && rules_.budget && !rules_.budget->try_take(reserve)) {
    auto busy = gate_problem(503, "The server is receiving too many request bodies at once.");
    busy.set_header("Retry-After", "1");
    return busy;
  }
  reserved_ = rules_.budget ? reserve : 0;
  return std::nullopt;
}

void RequestGate::refuse(Response answer) {
  refused_ = true;
  refusal_ = std::move(answer);
  std::string().swap(held_);
  release_reservation();
}

void RequestGate::refuse_for_parse_error() {
  switch (HTTP_PARSER_ERRNO(&parser_)) {
    case HPE_INVALID_METHOD:
      refuse(gate_problem(501, "This server does not implement that method."));
      break;
    case HPE_HEADER_OVERFLOW:
      refuse(gate_problem(431, fmt::format("The request line and header fields must be at most "
                                           "{} bytes.",
                                           rules_.limits.max_head_bytes)));
      break;
    default:
      refuse(gate_problem(400, fmt::format("The request is not valid HTTP/1.1 ({}).",
                                           http_errno_description(HTTP_PARSER_ERRNO(&parser_)))));
      break;
  }
}

void RequestGate::judge_unknown_method() {
  const auto line_end = held_.find('\n');
  if (line_end == std::string::npos) {
    if (held_.size() > rules_.limits.max_head_bytes) {
      refuse(gate_problem(414, fmt::format("The request target must be at most {} bytes.",
                                           rules_.limits.max_target_bytes)));
    }
    return;
  }
  // "QUERY /books?q=x HTTP/1.1": the path is what lies between the first two spaces.
  const std::string_view line(held_.data(), line_end);
  const auto first_space = line.find(' ');
  std::string allow;
  if (first_space != std::string_view::npos && rules_.allowed) {
    auto target = line.substr(first_space + 1);
    target = target.substr(0, target.find(' '));
    allow = rules_.allowed(target.substr(0, target.find('?')));
  }
  if (allow.empty()) {
    refuse(gate_problem(501, "This server does not implement that method."));
    return;
  }
  auto answer = gate_problem(405, fmt::format("This resource accepts {}.", allow));
  answer.set_header("Allow", allow);
  refuse(std::move(answer));
}

void RequestGate::release_reservation() {
  if (reserved_ > 0 && rules_.budget) rules_.budget->give_back(reserved_);
  reserved_ = 0;
}

int RequestGate::on_message_begin(http_parser* parser) {
  auto& gate = gate_of(parser);
  gate.head_ = RequestHead{};
  gate.last_was_value_ = true;
  gate.body_seen_ = 0;
  return 0;
}

int RequestGate::on_url(http_parser* parser, const char* at, std::size_t length) {
  auto& gate = gate_of(parser);
  gate.head_.target.append(at, length);
  if (gate.head_.target.size() > gate.rules_.limits.max_target_bytes) {
    gate.pending_refusal_ =
        gate_problem(414, fmt::format("The request target must be at most {} bytes.",
                                      gate.rules_.limits.max_target_bytes));
    return 1;
  }
  return 0;
}

int RequestGate::on_header_field(http_parser* parser, const char* at, std::size_t length) {
  auto& gate = gate_of(parser);
  if (gate.last_was_value_) gate.head_.headers.emplace_back();
  gate.head_.headers.back().first.append(at, length);
  gate.last_was_value_ = false;
  return 0;
}

int RequestGate::on_header_value(http_parser* parser, const char* at, std::size_t length) {
  auto& gate = gate_of(parser);
  gate.head_.headers.back().second.append(at, length);
  gate.last_was_value_ = true;
  return 0;
}

int RequestGate::on_headers_complete(http_parser* parser) {
  gate_of(parser).head_complete_ = true;
  http_parser_pause(parser, 1);
  return 0;
}

int RequestGate::on_body(http_parser* parser, const char*, std::size_t length) {
  auto& gate = gate_of(parser);
  gate.body_seen_ += length;
  if (gate.body_seen_ > gate.rules_.limits.max_body_bytes) {
    gate.pending_refusal_ = gate_problem(
        413, fmt::format("The body must be at most {} bytes.", gate.rules_.limits.max_body_bytes));
    return 1;
  }
  return 0;
}

int RequestGate::on_message_complete(http_parser* parser) {
  gate_of(parser).message_complete_ = true;
  http_parser_pause(parser, 1);
  return 0;
}

}  // namespace ld::http
