// The gate in front of the HTTP library: which requests it lets through untouched, which it
// answers from the head alone, and what it keeps of bodies in flight.
#include "http/request_gate.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace ld::http {
namespace {

struct Outcome {
  std::string cleared;
  std::optional<Response> refusal;
};

Outcome run(const GateRules& rules, const std::string& bytes, std::size_t step = 0) {
  RequestGate gate(rules);
  if (step == 0) step = bytes.size();
  for (std::size_t at = 0; at < bytes.size(); at += step) {
    gate.take(bytes.data() + at, std::min(step, bytes.size() - at));
  }
  return {gate.cleared(), gate.take_refusal()};
}

int status_of(const Outcome& outcome) {
  return outcome.refusal ? outcome.refusal->status : 0;
}

const std::string get = "GET /books?limit=5 HTTP/1.1\r\nHost: s2\r\n\r\n";

std::string post(std::size_t body_size, const std::string& extra = "") {
  return "POST /books HTTP/1.1\r\nHost: s2\r\nContent-Type: application/json\r\n" + extra +
         "Content-Length: " + std::to_string(body_size) + "\r\n\r\n" + std::string(body_size, 'x');
}

TEST(RequestGate, LetsAnOrdinaryRequestThroughUnchanged) {
  const GateRules rules;
  const auto outcome = run(rules, get);
  EXPECT_EQ(outcome.cleared, get);
  EXPECT_FALSE(outcome.refusal);
}

TEST(RequestGate, LetsPipelinedRequestsThroughEvenByteByByte) {
  const GateRules rules;
  const std::string bytes = get + post(300) + get;
  EXPECT_EQ(run(rules, bytes, 1).cleared, bytes);
  EXPECT_EQ(run(rules, bytes, 7).cleared, bytes);
}

TEST(RequestGate, RefusesHttp11WithoutHostButNotHttp10) {
  const GateRules rules;
  EXPECT_EQ(status_of(run(rules, "GET /health HTTP/1.1\r\n\r\n")), 400);
  EXPECT_EQ(status_of(run(rules, "GET /health HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")), 400);
  const std::string old = "GET /health HTTP/1.0\r\n\r\n";
  EXPECT_EQ(run(rules, old).cleared, old);
}

TEST(RequestGate, AnswersUnknownMethodsWith405OnServedPathsAnd501Elsewhere) {
  GateRules rules;
  rules.allowed = [](std::string_view path) {
    return path == "/books" ? std::string("GET, POST") : std::string();
  };
  const auto served = run(rules, "QUERY /books?q=x HTTP/1.1\r\nHost: s2\r\n\r\n", 3);
  EXPECT_EQ(status_of(served), 405);
  EXPECT_EQ(served.refusal->header("Allow"), "GET, POST");
  EXPECT_EQ(served.cleared, "");
  EXPECT_EQ(status_of(run(rules, "QUERY /nowhere HTTP/1.1\r\nHost: s2\r\n\r\n")), 501);
  // The answer waits for the whole request line, and no longer than the head limit allows.
  RequestGate gate(rules);
  gate.take("QUERY /bo", 9);
  EXPECT_FALSE(gate.refused());
  const std::string endless(20000, 'o');
  gate.take(endless.data(), endless.size());
  EXPECT_EQ(gate.take_refusal()->status, 414);
}

TEST(RequestGate, RefusesAnHttp09RequestLineAsSoonAsItEnds) {
  const GateRules rules;
  EXPECT_EQ(status_of(run(rules, "GET /health\r\n")), 400);
  EXPECT_EQ(status_of(run(rules, "GET /health HTTP/2.0\r\nHost: s2\r\n\r\n")), 505);
}

TEST(RequestGate, AnswersLongTargetsWith414AndBigHeadsWith431) {
  const GateRules rules;
  const std::string long_target =
      "GET /" + std::string(9000, 'a') + " HTTP/1.1\r\nHost: s2\r\n\r\n";
  EXPECT_EQ(status_of(run(rules, long_target, 1000)), 414);
  const std::string big_head =
      "GET / HTTP/1.1\r\nHost: s2\r\nX-Filler: " + std::string(20000, 'a') + "\r\n\r\n";
  EXPECT_EQ(status_of(run(rules, big_head, 1000)), 431);
  // The refusal comes before the header section ends: the gate never holds more than its limit.
  EXPECT_EQ(status_of(run(rules, big_head.substr(0, 17000))), 431);
}

TEST(RequestGate, AnswersAnnouncedOversizedBodiesWith413BeforeReadingThem) {
  const GateRules rules;
  // Only the head arrives: the client announced 15 MiB and stalls.
  const std::string head = "POST /books HTTP/1.1\r\nHost: s2\r\nContent-Length: 15728640\r\n\r\n";
  const auto outcome = run(rules, head);
  EXPECT_EQ(status_of(outcome), 413);
  EXPECT_EQ(outcome.cleared, "");
  const auto body = nlohmann::json::parse(outcome.refusal->body);
  EXPECT_EQ(body["status"], 413);
  EXPECT_EQ(outcome.refusal->content_type, "application/problem+json");
  // Exactly the limit is accepted.
  EXPECT_FALSE(run(rules, post(1'048'576)).refusal);
}

TEST(RequestGate, TheApplicationSpeaksBefore413) {
  GateRules rules;
  RequestHead seen;
  rules.check = [&seen](const RequestHead& head) -> std::optional<Response> {
    seen = head;
    if (head.method == "POST") return Response::text(401, "no", "text/plain");
    return std::nullopt;
  };
  const auto outcome =
      run(rules, "POST /books?x=1 HTTP/1.1\r\nHost: s2\r\nContent-Length: 15728640\r\n\r\n");
  EXPECT_EQ(status_of(outcome), 401);
  EXPECT_EQ(seen.method, "POST");
  EXPECT_EQ(seen.target, "/books?x=1");
  EXPECT_EQ(seen.content_length, 15728640U);
  EXPECT_EQ(find_header(seen.headers, "host"), "s2");
  EXPECT_EQ(run(rules, get).cleared, get);
}

TEST(RequestGate, KeepsBodiesInFlightWithinTheSharedBudget) {
  BodyBudget budget(1'500'000);
  GateRules rules;
  rules.budget = &budget;
  const std::string head = "POST /books HTTP/1.1\r\nHost: s2\r\nContent-Length: 1000000\r\n\r\n";
  auto first = std::make_unique<RequestGate>(rules);
  first->take(head.data(), head.size());
  EXPECT_FALSE(first->refused());
  EXPECT_EQ(budget.in_use(), 1'000'000U);
  RequestGate second(rules);
  second.take(head.data(), head.size());
  ASSERT_TRUE(second.refused());
  EXPECT_EQ(second.take_refusal()->status, 503);
  // A connection that goes away gives its share back.
  first.reset();
  EXPECT_EQ(budget.in_use(), 0U);
  // So does a body that arrived in full.
  const std::string whole = post(1'000'000);
  RequestGate third(rules);
  third.take(whole.data(), whole.size());
  EXPECT_FALSE(third.refused());
  EXPECT_EQ(budget.in_use(), 0U);
}

TEST(RequestGate, HoldsChunkedBodiesUntilTheyEndAndRefusesThemPastTheLimit) {
  const GateRules rules;
  const std::string chunked =
      "POST /books HTTP/1.1\r\nHost: s2\r\nTransfer-Encoding: chunked\r\n\r\n"
      "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n";
  EXPECT_EQ(run(rules, chunked + get, 3).cleared, chunked + get);
  {
    RequestGate gate(rules);
    gate.take(chunked.data(), chunked.size() - 5);
    EXPECT_EQ(gate.cleared(), "");  // nothing of it goes on before its end
  }
  std::string big = "POST /books HTTP/1.1\r\nHost: s2\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 20; ++i) big += "10000\r\n" + std::string(0x10000, 'x') + "\r\n";
  const auto outcome = run(rules, big, 4096);
  EXPECT_EQ(status_of(outcome), 413);
  EXPECT_EQ(outcome.cleared, "");
  EXPECT_EQ(status_of(run(rules, "POST / HTTP/1.1\r\nHost: s2\r\nTransfer-Encoding: gzip\r\n\r\n")),
            501);
}

TEST(RequestGate, ARefusalAfterAnAdmittedRequestKeepsThatRequestWhole) {
  const GateRules rules;
  const std::string first = post(10);
  const auto outcome = run(rules, first + "GET / HTTP/1.1\r\n\r\n", 5);
  EXPECT_EQ(outcome.cleared, first);
  EXPECT_EQ(status_of(outcome), 400);
}

TEST(RequestGate, RefusesMalformedRequestsWith400) {
  const GateRules rules;
  EXPECT_EQ(status_of(run(rules, "GET / HTTP/1.1\r\nHost: s2\r\nContent-Length: x\r\n\r\n")), 400);
  EXPECT_EQ(status_of(run(rules, "GET / HTTP/1.1\r\nHost s2\r\n\r\n")), 400);
  EXPECT_EQ(status_of(run(rules,
                          "POST / HTTP/1.1\r\nHost: s2\r\nContent-Length: 1\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n")),
            400);
}

}  // namespace
}  // namespace ld::http
