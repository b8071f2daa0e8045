// Retries on the wire, against a real local HTTP server: the same Idempotency-Key on every
// attempt, a new X-Request-Id each time, Retry-After honoured, retries for the time budget
// rather than a count, and what is and isn't retried.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <set>
#include <sstream>

#include "integration/s1/logged_target.hpp"
#include "s1/s2_client/delivery.hpp"
#include "support/s2_process.hpp"
#include "support/scripted_server.hpp"

namespace {

using ld::test::ScriptedResponse;
using ld::test::ScriptedServer;
using nlohmann::json;

struct Rig {
  explicit Rig(const std::string& base_url, std::string token = "")
      : logged("delivery", base_url, std::move(token)),
        s2(logged.target, &logged.log, logged.traffic) {
    policy.base = std::chrono::milliseconds(10);  // quick retries; timing has its own test
  }
  json log_entries() const { return logged.log_entries(); }
  ld::s1::Delivery post(const std::string& key) {
    return ld::s1::deliver(
        s2, {"customers", "POST /customers", "POST", "/customers", R"({"name":"Ana"})", key},
        policy, jitter);
  }
  ld::test::LoggedTarget logged;
  ld::s1::S2Connection s2;
  ld::s1::RetryPolicy policy;
  ld::s1::Random jitter{7};
};

ScriptedResponse answer(int status, std::string body = "{}",
                        std::vector<std::pair<std::string, std::string>> headers = {}) {
  headers.emplace_back("Content-Type", "application/json");
  return {status, std::move(headers), std::move(body)};
}

TEST(Delivery, IdempotencyKeyIsTheSameOnEveryRetry) {
  ScriptedServer server({answer(503), answer(500), answer(201, R"({"id":1})")});
  Rig rig(server.base_url());
  const auto d = rig.post("key-123");
  EXPECT_EQ(d.response.status, 201);
  EXPECT_EQ(d.attempts, 3);
  const auto received = server.received();
  ASSERT_EQ(received.size(), 3u);
  std::set<std::string> request_ids;
  for (const auto& r : received) {
    EXPECT_EQ(r.header("Idempotency-Key"), "key-123");
    EXPECT_EQ(r.body, R"({"name":"Ana"})");
    request_ids.insert(r.header("X-Request-Id"));
  }
  EXPECT_EQ(request_ids.size(), 3u) << "each attempt has its own X-Request-Id";

  const auto log = rig.log_entries();
  ASSERT_EQ(log.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(log[i]["attempt"], i + 1);
    EXPECT_EQ(log[i]["request"]["headers"]["Idempotency-Key"], "key-123");
    EXPECT_EQ(log[i]["request"]["headers"]["X-Request-Id"], received[i].header("X-Request-Id"));
  }
  EXPECT_EQ(log[0]["response"]["status"], 503);
  EXPECT_EQ(log[2]["response"]["status"], 201);
}

TEST(Delivery, HonoursRetryAfter) {
  ScriptedServer server({answer(503, "{}", {{"Retry-After", "1"}}), answer(201)});
  Rig rig(server.base_url());
  EXPECT_EQ(rig.post("k").response.status, 201);
  const auto received = server.received();
  ASSERT_EQ(received.size(), 2u);
  EXPECT_GE(received[1].at - received[0].at, std::chrono::milliseconds(1000));
}

TEST(Delivery, RetriesA429) {
  ScriptedServer server({answer(429), answer(201)});
  Rig rig(server.base_url());
  EXPECT_EQ(rig.post("k").attempts, 2);
}

TEST(Delivery, GivesUpAfterTheConfiguredRetries) {
  ScriptedServer server({}, answer(503));
  Rig rig(server.base_url());
  rig.policy.retries = 2;
  const auto d = rig.post("k");
  EXPECT_EQ(d.response.status, 503);
  EXPECT_EQ(d.attempts, 3);
  EXPECT_EQ(server.received().size(), 3u);
}

TEST(Delivery, KeepsRetryingPastTheOldThreeRetriesWhileTheBudgetLasts) {
  // Seven answers of an S2 that is restarting, then S2 again.
  std::vector<ScriptedResponse> script(7, answer(503));
  script.push_back(answer(201, R"({"id":1})"));
  ScriptedServer server(std::move(script));
  Rig rig(server.base_url());
  rig.policy.cap = std::chrono::milliseconds(20);
  const auto d = rig.post("k");
  EXPECT_EQ(d.response.status, 201);
  EXPECT_EQ(d.attempts, 8);
}

TEST(Delivery, GivesUpOnceTheBudgetIsSpent) {
  ScriptedServer server({}, answer(503));
  Rig rig(server.base_url());
  rig.policy.retry_for = std::chrono::milliseconds(300);
  rig.policy.cap = std::chrono::milliseconds(50);
  const auto d = rig.post("k");
  EXPECT_EQ(d.response.status, 503);
  EXPECT_GT(d.attempts, 1);
  EXPECT_EQ(server.received().size(), static_cast<std::size_t>(d.attempts));
}

TEST(Delivery, RetryAfterIsHonouredEvenPastTheBudget) {
  ScriptedServer server({answer(503, "{}", {{"Retry-After", "1"}}), answer(201)});
  Rig rig(server.base_url());
  rig.policy.retry_for = std::chrono::milliseconds(300);
  const auto d = rig.post("k");
  EXPECT_EQ(d.response.status, 201);
  const auto received = server.received();
  ASSERT_EQ(received.size(), 2u);
  EXPECT_GE(received[1].at - received[0].at, std::chrono::milliseconds(1000));
}

TEST(Delivery, DoesNotRetryAClientError) {
  ScriptedServer server({answer(400), answer(201)});
  Rig rig(server.base_url());
  const auto d = rig.post("k");
  EXPECT_EQ(d.response.status, 400);
  EXPECT_EQ(d.attempts, 1);
}

TEST(Delivery, RetriesNetworkFailuresAndLogsThem) {
  Rig rig("http://127.0.0.1:" + std::to_string(ld::test::free_port()));
  rig.policy.retries = 2;
  const auto d = rig.post("k");
  EXPECT_EQ(d.response.status, 0);
  EXPECT_EQ(d.attempts, 3);
  const auto log = rig.log_entries();
  ASSERT_EQ(log.size(), 3u);
  EXPECT_TRUE(log[0]["response"].is_null());
  EXPECT_FALSE(log[0]["error"].get<std::string>().empty());
}

TEST(Delivery, WaitsOutAKeyStillInUseWithoutSpendingRetries) {
  const std::string in_use =
      R"({"status":409,"errors":[{"field":"Idempotency-Key","message":"in use"}]})";
  ScriptedServer server({answer(409, in_use), answer(409, in_use), answer(201)});
  Rig rig(server.base_url());
  rig.policy.retries = 0;
  rig.policy.base = std::chrono::milliseconds(1);
  const auto d = rig.post("k");
  EXPECT_EQ(d.response.status, 201);
  EXPECT_EQ(d.attempts, 3);
}

TEST(Delivery, AFieldConflictIsNotRetried) {
  const std::string taken = R"({"status":409,"errors":[{"field":"email","message":"taken"}]})";
  ScriptedServer server({answer(409, taken), answer(201)});
  Rig rig(server.base_url());
  const auto d = rig.post("k");
  EXPECT_EQ(d.response.status, 409);
  EXPECT_EQ(d.attempts, 1);
}

TEST(Delivery, SendsTheTokenButNeverLogsIt) {
  ScriptedServer server({answer(201)});
  Rig rig(server.base_url(), "tok-SECRET-42");
  rig.post("k");
  EXPECT_EQ(server.received().at(0).header("Authorization"), "Bearer tok-SECRET-42");
  const auto text = rig.log_entries().dump();
  EXPECT_EQ(text.find("tok-SECRET-42"), std::string::npos);
  EXPECT_NE(text.find("Bearer ***"), std::string::npos);
}

}  // namespace
