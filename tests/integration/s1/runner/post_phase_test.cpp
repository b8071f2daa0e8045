// One phase of POSTs against a scripted S2 on 127.0.0.1: how each ending is told apart, above all
// that a retry meeting 409 on a field is a record that was already there, never this POST's own
// first attempt, and that the round goes on with the record S2 holds, not the one it planned.
#include <gtest/gtest.h>
#include <unistd.h>

#include <sstream>

#include "integration/s1/logged_target.hpp"
#include "s1/runner/post_phase.hpp"
#include "s1/s2_client/entity_lookup.hpp"
#include "support/scripted_server.hpp"

namespace {

using ld::s1::Ending;
using ld::test::ScriptedResponse;
using ld::test::ScriptedServer;
using nlohmann::json;

ScriptedResponse answer(int status, const json& body,
                        std::vector<std::pair<std::string, std::string>> headers = {}) {
  headers.emplace_back("Content-Type", "application/json");
  return {status, std::move(headers), body.dump()};
}

// A book this round planned: its own price and stock.
const json kPlanned = {{"title", "Dom Casmurro"},
                       {"isbn_13", "9788535914849"},
                       {"price", {{"amount", "39.90"}, {"currency", "BRL"}}},
                       {"stock", 10}};

// The same ISBN as an earlier round stored it: another price, stock already taken.
const json kEarlier = {{"id", "65f0aaaaaaaaaaaaaaaaaaaa"},
                       {"title", "Dom Casmurro"},
                       {"isbn_13", "9788535914849"},
                       {"price", {{"amount", "80.00"}, {"currency", "BRL"}}},
                       {"stock", 3}};

const json kIsbnTaken = {{"status", 409},
                         {"errors", {{{"field", "isbn_13"}, {"message", "is already taken"}}}}};

struct Phase {
  explicit Phase(const std::string& base_url)
      : logged("post-phase", base_url), pool(1, logged.target, &logged.log, logged.traffic, 7) {
    policy.base = std::chrono::milliseconds(5);
    policy.cap = std::chrono::milliseconds(20);
  }

  ld::s1::PhaseRun post_books(const std::vector<json>& bodies) {
    const ld::s1::PostPhase phase{
        "books", "/books", [this](ld::s1::Worker& w, const json& sent, const std::string& tie) {
          return ld::s1::find_book(w.s2, "books", sent, tie, policy, w.jitter);
        }};
    std::vector<ld::s1::PostJob> jobs;
    for (std::size_t i = 0; i < bodies.size(); ++i) {
      jobs.push_back({bodies[i], false, "key-" + std::to_string(i)});
    }
    std::ostringstream progress;
    return ld::s1::run_post_phase(pool, phase, jobs, policy, progress, false);
  }

  ld::test::LoggedTarget logged;
  ld::s1::WorkerPool pool;
  ld::s1::RetryPolicy policy;
};

TEST(PostPhase, ARetryMeeting409OnAFieldTakesTheBookS2HoldsAsAlreadyThere) {
  // MongoDB out of clients for the first attempt (503), then the retry meets the earlier
  // round's ISBN; the lookup finds that book.
  ScriptedServer server({answer(503, {{"status", 503}}), answer(409, kIsbnTaken),
                         answer(200, {{"items", {kEarlier}}, {"next_cursor", nullptr}})});
  Phase phase(server.base_url());
  const auto run = phase.post_books({kPlanned});
  ASSERT_EQ(run.endings.size(), 1u);
  EXPECT_EQ(run.endings[0].ending, Ending::already_present);
  EXPECT_EQ(run.endings[0].record, kEarlier) << "the round goes on with S2's price and stock";
  EXPECT_EQ(run.tally.already_present, 1u);
  EXPECT_EQ(run.tally.created, 0u);
  EXPECT_TRUE(run.tally.ok());

  const auto received = server.received();
  ASSERT_EQ(received.size(), 3u);
  EXPECT_EQ(received[2].method, "GET");
  // The lookup carries the POST's key, so verify reads it back as this POST's answer.
  EXPECT_EQ(received[2].header("Idempotency-Key"), "key-0");
}

TEST(PostPhase, AFirstAttemptMeeting409IsAlreadyThereToo) {
  ScriptedServer server(
      {answer(409, kIsbnTaken), answer(200, {{"items", {kEarlier}}, {"next_cursor", nullptr}})});
  Phase phase(server.base_url());
  const auto run = phase.post_books({kPlanned});
  EXPECT_EQ(run.endings.at(0).ending, Ending::already_present);
  EXPECT_EQ(run.endings.at(0).record, kEarlier);
  EXPECT_EQ(server.received().at(1).header("Idempotency-Key"), "key-0");
}

TEST(PostPhase, A201AfterARetryIsThisPostsOwnBook) {
  // S2 answers a keyed retry with the book its promise made, replayed or found by id.
  json mine = kPlanned;
  mine["id"] = "65f0bbbbbbbbbbbbbbbbbbbb";
  ScriptedServer server(
      {answer(503, {{"status", 503}}), answer(201, mine, {{"Idempotent-Replayed", "true"}})});
  Phase phase(server.base_url());
  const auto run = phase.post_books({kPlanned});
  EXPECT_EQ(run.endings.at(0).ending, Ending::created);
  EXPECT_TRUE(run.endings.at(0).replayed);
  EXPECT_EQ(run.endings.at(0).record, mine);
}

TEST(PostPhase, A409WhoseRecordCannotBeFoundFails) {
  ScriptedServer server(
      {answer(409, kIsbnTaken), answer(200, {{"items", json::array()}, {"next_cursor", nullptr}})});
  Phase phase(server.base_url());
  const auto run = phase.post_books({kPlanned});
  EXPECT_EQ(run.endings.at(0).ending, Ending::failed);
  EXPECT_FALSE(run.tally.ok());
}

}  // namespace
