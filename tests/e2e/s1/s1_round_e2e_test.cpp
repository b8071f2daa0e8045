// `s1 run` end to end: the real s1 against the real s2, stores and the fake Google Books —
// a full round that verifies clean, reruns that replay, invalid records refused, s2 killed and
// restarted mid-run, s1 killed mid-run, and S2 not there at all.
#include <gmock/gmock.h>
#include <signal.h>

#include <regex>
#include <sstream>
#include <thread>

#include "e2e/s1/s1_e2e_fixture.hpp"

namespace ld::test {
namespace {

using nlohmann::json;

std::size_t count_entries(const json& log, const std::string& phase) {
  std::size_t n = 0;
  for (const auto& e : log) n += e["phase"] == phase;
  return n;
}

std::size_t count_in_text(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) {
    ++n;
  }
  return n;
}

// The problem lines verify printed under the stores' table.
std::vector<std::string> problem_lines(const std::string& out) {
  std::vector<std::string> lines;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("  customer ", 0) == 0 || line.rfind("  book ", 0) == 0 ||
        line.rfind("  order", 0) == 0) {
      lines.push_back(line);
    }
  }
  return lines;
}

// Waits until the log on disk holds `n` entries of `phase` (or `limit` passes).
bool wait_for_entries(const std::string& path, const std::string& phase, std::size_t n,
                      std::chrono::seconds limit = std::chrono::seconds(120)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (count_in_text(read_file(path), "\"phase\":\"" + phase + "\"") >= n) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

using S1Round = S1EndToEnd;

TEST_F(S1Round, AFullRoundFromGoogleBooksIsAllAcknowledgedAndVerifies) {
  const auto log_file = log_path("full");
  const auto run = run_s1(
      run_args(log_file, {"--customers", "30", "--books", "25", "--orders", "60", "--books-source",
                          "google", "--seed", "101", "--concurrency", "4"}),
      s1_env());
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.err.find("every request that should have succeeded did"), std::string::npos);
  EXPECT_NE(run.out.find("POST /customers"), std::string::npos) << "summary table";

  const auto log = parse_log(log_file);
  EXPECT_GT(count_entries(log, "google_books"), 0u);
  EXPECT_EQ(acknowledged_ids(log, "/customers").size(), 30u);
  EXPECT_EQ(acknowledged_ids(log, "/books").size(), 25u);
  EXPECT_EQ(acknowledged_ids(log, "/orders").size(), 60u);
  EXPECT_EQ(stores_.count_customers(), 30);
  for (const auto& e : log) {
    if (e["phase"] == "google_books") continue;
    ASSERT_TRUE(e["response"].is_object()) << e.dump();
    EXPECT_FALSE(e["request"]["headers"]["X-Request-Id"].get<std::string>().empty());
    if (e["request"]["method"] == "POST") {
      EXPECT_FALSE(e["request"]["headers"]["Idempotency-Key"].get<std::string>().empty());
      EXPECT_TRUE(e["response"]["headers"].contains("Server-Timing"));
      EXPECT_EQ(e["response"]["headers"]["X-Request-Id"], e["request"]["headers"]["X-Request-Id"]);
    }
  }
  EXPECT_EQ(read_file(log_file).find(kGoogleKey), std::string::npos) << "the API key leaked";
  EXPECT_EQ((run.out + run.err).find(kGoogleKey), std::string::npos);

  const auto verify = run_s1({"verify", "--log", log_file});
  ASSERT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  const auto customers = store_row(verify.out, "PostgreSQL customers");
  EXPECT_EQ(customers.created, 30);
  EXPECT_EQ(customers.found, 30);
  EXPECT_EQ(store_row(verify.out, "MongoDB books").found, 25);
  EXPECT_EQ(store_row(verify.out, "Redis orders").found, 60);
  EXPECT_NE(verify.out.find("GET /orders/{id}"), std::string::npos) << "verify's own traffic";
}

TEST_F(S1Round, TheSameSeedAgainIsReplayedNotDuplicated) {
  const auto first = log_path("seed-first");
  const auto second = log_path("seed-second");
  const std::vector<std::string> round{"--customers",    "10",     "--books", "8",
                                       "--orders",       "15",     "--seed",  "202",
                                       "--books-source", "offline"};
  ASSERT_EQ(run_s1(run_args(first, round), s1_env()).exit_code, 0);
  const auto again = run_s1(run_args(second, round), s1_env());
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_EQ(stores_.count_customers(), 10);
  const auto log = parse_log(second);
  std::size_t replayed = 0;
  for (const auto& e : log) {
    if (e["request"]["method"] == "POST" && e["response"].is_object()) {
      replayed += e["response"]["headers"].value("Idempotent-Replayed", "") == "true";
    }
  }
  EXPECT_EQ(replayed, 10u + 8u + 15u);
  EXPECT_EQ(run_s1({"verify", "--log", second}).exit_code, 0);
}

TEST_F(S1Round, InvalidRecordsAreRefusedAndCountedApart) {
  const auto log_file = log_path("invalid");
  const auto run =
      run_s1(run_args(log_file, {"--customers", "40", "--books", "30", "--orders", "40", "--seed",
                                 "505", "--invalid-rate", "0.3", "--books-source", "offline"}),
             s1_env());
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  std::size_t refused = 0;
  for (const auto& e : parse_log(log_file)) {
    if (e["request"]["method"] == "POST" && e["response"].is_object()) {
      refused += e["response"]["status"] == 400;
    }
  }
  EXPECT_GT(refused, 10u);
  const auto verify = run_s1({"verify", "--log", log_file});
  EXPECT_EQ(verify.exit_code, 0) << verify.out;
}

TEST_F(S1Round, S2KilledAndRestartedMidRunLosesAndDuplicatesNothing) {
  const auto log_file = log_path("s2-killed");
  // With S1's default retry budget (--retry-for, 60 s): it must outlast S2's restart and the
  // book locks a killed S2 leaves behind (S2 lets them lapse after 30 s).
  S1Process s1(run_args(log_file, {"--customers", "60", "--books", "30", "--orders", "80", "--seed",
                                   "303", "--books-source", "google"}),
               s1_env());
  // Once during customers and once during orders, without warning. A request in flight at the
  // kill holds its Idempotency-Key until the lock runs out (5 s here, s2_env()); s1's retry then
  // takes over, and an order's retry finds the stock its first attempt held.
  ASSERT_TRUE(wait_for_entries(log_file, "customers", 20));
  s2_->stop(SIGKILL);
  s2_->restart();
  ASSERT_TRUE(wait_for_entries(log_file, "orders", 20, std::chrono::seconds(300)));
  s2_->stop(SIGKILL);
  s2_->restart();
  const auto run = s1.wait();
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;

  const auto log = parse_log(log_file);
  std::size_t failed_attempts = 0;
  for (const auto& e : log) {
    failed_attempts += !e["response"].is_object() || e["response"]["status"].get<int>() >= 500;
  }
  EXPECT_GT(failed_attempts, 0u) << "the kills should have cost some attempts";

  // Nothing acknowledged is missing, nothing is stored twice, every record is as acknowledged,
  // and every book's stock is exactly what the acknowledged orders explain: no stock was taken
  // twice by a retry, none was left held by an attempt the kill cut short.
  const auto verify = run_s1({"verify", "--log", log_file});
  for (const char* store : {"PostgreSQL customers", "MongoDB books", "Redis orders"}) {
    const auto row = store_row(verify.out, store);
    EXPECT_EQ(row.created, row.found) << store;
    EXPECT_EQ(row.missing, 0) << store;
    EXPECT_EQ(row.duplicates, 0) << store;
    EXPECT_EQ(row.unchecked, 0) << store;
    EXPECT_EQ(row.different, 0) << store << "\n" << verify.out;
  }
  EXPECT_THAT(problem_lines(verify.out), ::testing::IsEmpty());
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  EXPECT_EQ(stores_.count_customers(), store_row(verify.out, "PostgreSQL customers").created);
}

TEST_F(S1Round, S1KilledMidRunLeavesAValidLog) {
  const auto log_file = log_path("s1-killed");
  S1Process s1(run_args(log_file, {"--customers", "3000", "--books", "0", "--orders", "0", "--seed",
                                   "606", "--books-source", "offline"}),
               s1_env());
  ASSERT_TRUE(wait_for_entries(log_file, "customers", 200));
  s1.kill(SIGKILL);
  EXPECT_EQ(s1.wait().exit_code, 128 + SIGKILL);
  const auto log = parse_log(log_file);
  ASSERT_GE(log.size(), 200u);
  for (std::size_t i = 0; i < log.size(); ++i) ASSERT_EQ(log[i]["seq"], i + 1);
}

TEST_F(S1Round, WritesCarryTheTokenWhichNeverReachesTheLog) {
  const std::string token = "e2e-token-SECRET-77";
  auto env = stores_.s2_env();
  env.emplace_back("S2_API_TOKEN", token);
  S2Process guarded(env);
  const auto log_file = log_path("token");
  const std::vector<std::string> round{
      "--server", guarded.base_url(), "--log", log_file,         "--customers", "3",      "--books",
      "2",        "--orders",         "2",     "--books-source", "offline",     "--seed", "707"};
  auto with_token = round;
  with_token.insert(with_token.end(), {"--token", token});
  const auto run = run_s1(with_token, s1_env());
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  const auto text = read_file(log_file);
  EXPECT_EQ(text.find(token), std::string::npos) << "the token leaked into the log";
  EXPECT_NE(text.find("Bearer ***"), std::string::npos);
  EXPECT_EQ((run.out + run.err).find(token), std::string::npos);

  const auto without = run_s1(round, s1_env());
  EXPECT_EQ(without.exit_code, 1) << "every write should have met 401";
  EXPECT_NE(without.err.find("401"), std::string::npos) << without.err;
}

TEST(S1Unreachable, SaysSoOnceNamingTheUrlAndExitsNonZero) {
  const auto url = "http://127.0.0.1:" + std::to_string(free_port());
  const auto log_file = "/tmp/s1-e2e-unreachable-" + std::to_string(::getpid()) + ".json";
  const auto run = run_s1({"run", "--server", url, "--log", log_file}, {{"S2_URL", ""}});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(count_in_text(run.err, "\n"), 1u) << run.err;
  EXPECT_NE(run.err.find(url), std::string::npos) << run.err;
  EXPECT_TRUE(run.out.empty()) << run.out;
  EXPECT_TRUE(read_file(log_file).empty()) << "no log is started without S2";
}

}  // namespace
}  // namespace ld::test
