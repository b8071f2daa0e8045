// The connections the fast lane reads customers through (storage/postgres/async_postgres.hpp),
// on a loop of its own thread as the HTTP server's: a row with nulls, no row, many requests from
// several threads on fewer connections, a statement over the server's statement_timeout, idle
// connections the server ends, and a server that refuses or never answers. Every request gets
// exactly one answer.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <pqxx/pqxx>

#include "storage/postgres/async_postgres.hpp"
#include "storage/postgres/connection_options.hpp"
#include "support/loop_thread.hpp"
#include "support/silent_server.hpp"
#include "support/test_env.hpp"

namespace ld::test {
namespace {

using namespace std::chrono_literals;
using postgres::AsyncPostgres;
using Kind = AsyncPostgres::Reply::Kind;

// Answers with its text parameter and a null, or with no row for 'none'; 'sleep' sleeps 2 s.
const postgres::Statement kEcho{
    "echo",
    "SELECT $1::text, NULL::text, pg_sleep(CASE WHEN $1 = 'sleep' THEN 2 ELSE 0 END) "
    "WHERE $1 <> 'none'"};

// An error of the statement's own when $1 is 0.
const postgres::Statement kRatio{"ratio", "SELECT 10 / $1::int"};

// The connections on a loop of its own thread, as the HTTP server's.
class Loop : public LoopThread<AsyncPostgres> {
 public:
  explicit Loop(const std::string& conninfo, std::size_t connections = 2,
                std::chrono::milliseconds timeout = 3000ms,
                std::chrono::milliseconds statement_timeout = 1000ms)
      : LoopThread(postgres::PoolSettings{conninfo, static_cast<int>(connections), timeout,
                                          statement_timeout},
                   std::vector<postgres::Statement>{kEcho, kRatio}) {}

  AsyncPostgres& postgres() { return client(); }

  // One statement, waited for.
  AsyncPostgres::Reply echo(const std::string& text) {
    return answer_of<AsyncPostgres::Reply>(
        [&](auto done) { postgres().query_row("echo", {text}, std::move(done)); }, text);
  }
};

std::string conninfo() {
  return postgres::with_connect_timeout(pg_url(), 3000ms);
}

TEST(AsyncPostgres, AnswersARowWithItsNullsAndNoRow) {
  Loop loop(conninfo());
  const auto found = loop.echo("Vidas Secas");
  ASSERT_EQ(found.kind, Kind::row) << found.error;
  ASSERT_EQ(found.columns.size(), 3u);
  EXPECT_EQ(found.columns[0], "Vidas Secas");
  EXPECT_FALSE(found.columns[1].has_value());
  EXPECT_EQ(loop.echo("none").kind, Kind::none);
}

TEST(AsyncPostgres, ManyRequestsFromSeveralThreadsOnFewConnectionsEachGetTheirOwnAnswer) {
  constexpr int kThreads = 4;
  constexpr int kEach = 300;
  Loop loop(conninfo(), 3);
  expect_every_answer_right(kThreads, kEach, [&](int t, int i, auto answered) {
    const auto text = fmt::format("livro {} {}", t, i);
    loop.postgres().query_row("echo", {text}, [text, answered](AsyncPostgres::Reply r) {
      answered(r.kind == Kind::row && r.columns.at(0) == text);
    });
  });
}

TEST(AsyncPostgres, AnErrorOfTheStatementsOwnIsRefusedAndTheConnectionServesOn) {
  Loop loop(conninfo(), 1);
  const auto refused = answer_of<AsyncPostgres::Reply>(
      [&](auto done) { loop.postgres().query_row("ratio", {"0"}, std::move(done)); }, "ratio");
  EXPECT_EQ(refused.kind, Kind::refused);
  EXPECT_NE(refused.error.find("division by zero"), std::string::npos) << refused.error;
  EXPECT_EQ(loop.echo("Iracema").kind, Kind::row);
}

TEST(AsyncPostgres, AStatementOverTheServersTimeoutFailsAndTheConnectionServesOn) {
  Loop loop(conninfo(), 1, 5000ms, 300ms);
  const auto start = std::chrono::steady_clock::now();
  const auto slow = loop.echo("sleep");
  EXPECT_EQ(slow.kind, Kind::failed);
  EXPECT_NE(slow.error.find("statement timeout"), std::string::npos) << slow.error;
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1500ms);
  EXPECT_EQ(loop.echo("Iracema").kind, Kind::row);
}

TEST(AsyncPostgres, AStatementPastTheTimeoutFailsThenANewConnectionAnswers) {
  // No statement_timeout to speak of: only the client's own timeout ends the wait.
  Loop loop(conninfo(), 1, 400ms, 60000ms);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(loop.echo("sleep").kind, Kind::failed);
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_GE(waited, 350ms);
  EXPECT_LT(waited, 1500ms);
  EXPECT_EQ(loop.echo("Iracema").kind, Kind::row);
}

TEST(AsyncPostgres, IdleConnectionsTheServerEndsAreMadeAgainUnnoticed) {
  Loop loop(conninfo(), 2);
  ASSERT_EQ(loop.echo("Macunaíma").kind, Kind::row);
  {
    pqxx::connection admin(pg_url());
    pqxx::nontransaction tx(admin);
    tx.exec(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE query LIKE '%pg_sleep(CASE WHEN%' AND pid <> pg_backend_pid()");
  }
  std::this_thread::sleep_for(200ms);  // the loop hears each connection end
  for (int i = 0; i < 4; ++i) EXPECT_EQ(loop.echo("Macunaíma").kind, Kind::row) << i;
}

TEST(AsyncPostgres, ARefusedConnectionFailsAtOnce) {
  int port = 0;
  {
    const SilentServer taken;  // a port that was just free, closed again: refuses connections
    port = taken.port();
  }
  Loop loop(fmt::format("postgresql://livros@127.0.0.1:{}/livros_test?connect_timeout=2", port));
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(loop.echo("Iracema").kind, Kind::failed);
  EXPECT_EQ(loop.echo("Iracema").kind, Kind::failed);  // within the pause: not tried again
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);
}

TEST(AsyncPostgres, AServerThatNeverAnswersFailsWithinTheTimeout) {
  SilentServer hung;
  Loop loop(fmt::format("postgresql://livros@127.0.0.1:{}/livros_test", hung.port()), 1, 300ms);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(loop.echo("Iracema").kind, Kind::failed);
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_GE(waited, 250ms);
  EXPECT_LT(waited, 2s);
}

}  // namespace
}  // namespace ld::test
