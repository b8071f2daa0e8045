#include "s1/s2_client/s2_connection.hpp"

#include <atomic>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "s1/audit_log/audit_entry.hpp"

namespace ld::s1 {

std::string trim_base_url(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

S2Connection::S2Connection(const S2Target& target, AuditLog* log, TrafficStats& stats)
    : target_(target), log_(log), stats_(stats) {}

net::HttpResponse S2Connection::attempt(const Call& call, int attempt_number) {
  // Without a log there is no sequence number to name the attempt; a process-wide counter
  // keeps the ids unique instead.
  static std::atomic<std::uint64_t> unlogged{0};
  const std::uint64_t seq = log_ ? log_->reserve() : ++unlogged;

  net::HttpRequest request;
  request.method = call.method;
  request.url = target_.base_url + call.path;
  request.timeout = target_.timeout;
  request.headers.emplace_back("Accept", "application/json");
  if (!call.body.empty()) request.headers.emplace_back("Content-Type", "application/json");
  if (!call.idempotency_key.empty()) {
    request.headers.emplace_back("Idempotency-Key", call.idempotency_key);
  }
  request.headers.emplace_back("X-Request-Id", fmt::format("s1-{}-{}", target_.run_id, seq));
  if (!target_.token.empty() && call.method != "GET") {
    request.headers.emplace_back("Authorization", "Bearer " + target_.token);
  }
  request.body = call.body;

  const clock::Millis sent_at = clock::now_ms();
  const auto start = TrafficStats::Clock::now();
  net::HttpResponse response;
  try {
    response = http_.send(request);
  } catch (const std::exception& e) {
    // The sequence number is taken: the entry must still be written or the log stalls.
    response = net::HttpResponse{};
    response.error = e.what();
  }
  const auto end = TrafficStats::Clock::now();
  stats_.record(call.endpoint, response.status, response.duration_ms, start, end);

  if (log_) {
    AttemptRecord record;
    record.sent_at = sent_at;
    record.phase = call.phase;
    record.method = request.method;
    record.url = request.url;
    record.request_headers = request.headers;
    record.request_body = request.body;
    record.status = response.status;
    record.response_headers = response.headers;
    record.response_body = response.body;
    record.duration_ms = response.duration_ms;
    record.attempt = attempt_number;
    record.error = response.error;
    log_->record(seq, to_log_entry(record));
  }
  return response;
}

}  // namespace ld::s1
