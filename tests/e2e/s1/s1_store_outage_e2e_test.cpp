// One store killed with SIGKILL for 3 s in the middle of an s1 round, each store in turn, with S2
// left running: reads of that store answer again within seconds of its return, the round ends
// with every order placed (s1 retries with its keys, honouring Retry-After), and verify finds
// every acknowledged record stored once and as acknowledged, stock included.
#include <gmock/gmock.h>

#include <chrono>
#include <optional>
#include <thread>

#include "e2e/s1/s1_e2e_fixture.hpp"
#include "support/api_client.hpp"
#include "support/store_outage.hpp"

namespace ld::test {
namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

// The first id S2 acknowledged on POST `route` in the log written so far, if any.
std::optional<std::string> first_acknowledged(const std::string& log_path,
                                              const std::string& route) {
  // The log is a JSON array closed after every entry, so a copy read mid-run parses.
  const auto log = json::parse(read_file(log_path), nullptr, false);
  if (!log.is_array()) return std::nullopt;
  const auto ids = acknowledged_ids(log, route);
  if (ids.empty()) return std::nullopt;
  return ids.front();
}

class S1StoreOutage : public S1EndToEnd, public ::testing::WithParamInterface<LocalStore> {};

TEST_P(S1StoreOutage, AStoreKilledFor3sMidRoundCostsSecondsAndNoRecord) {
  const LocalStore store = GetParam();
  const auto log_file = log_path(std::string("outage-") + store_name(store));
  S1Process s1(
      run_args(log_file, {"--customers", "30", "--books", "20", "--orders", "150", "--seed", "606",
                          "--books-source", "offline", "--concurrency", "4"}),
      s1_env());

  // Mid-orders: every order reads its customer (PostgreSQL), takes copies (MongoDB) and is
  // stored (Redis), so whichever store dies, requests in flight are cut off.
  std::optional<std::string> customer, book, order;
  const auto started_ordering = Clock::now() + std::chrono::seconds(120);
  while (!order && Clock::now() < started_ordering) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    order = first_acknowledged(log_file, "/orders");
  }
  ASSERT_TRUE(order) << "s1 placed no order";
  customer = first_acknowledged(log_file, "/customers");
  book = first_acknowledged(log_file, "/books");
  ASSERT_TRUE(customer && book);

  Clock::time_point back;
  {
    StoreKilled kill(store);
    ASSERT_TRUE(kill.killed()) << "scripts/stores.sh pid " << store_name(store)
                               << " found no server";
    std::this_thread::sleep_for(std::chrono::seconds(3));  // the outage itself
    kill.start();
    back = Clock::now();
  }

  // Reads of each store, one after another, until a round of them all answers 200.
  net::HttpClient client;
  const std::string base = s2_->base_url();
  long long round_started_ms = 0;
  bool answering = false;
  while (!answering && Clock::now() - back < std::chrono::seconds(30)) {
    round_started_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - back).count();
    answering = send_request(client, "GET", base + "/customers/" + *customer).status == 200 &&
                send_request(client, "GET", base + "/books/" + *book).status == 200 &&
                send_request(client, "GET", base + "/orders/" + *order).status == 200;
    if (!answering) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_TRUE(answering) << store_name(store) << " reads still failing 30 s after its return";
  RecordProperty("reads_back_ms_after_return", static_cast<int>(round_started_ms));
  // Loose, as timing here is noisy; the aim is about a second, and the property says.
  EXPECT_LE(round_started_ms, 15'000);

  const auto run = s1.wait();
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  std::size_t cut_off = 0;
  for (const auto& e : parse_log(log_file)) {
    cut_off += !e["response"].is_object() || e["response"]["status"].get<int>() >= 500;
  }
  EXPECT_GT(cut_off, 0u) << "the kill cost no attempt: it missed the round";
  RecordProperty("attempts_cut_off_and_retried", static_cast<int>(cut_off));

  const auto verify = run_s1({"verify", "--log", log_file});
  for (const char* kind : {"PostgreSQL customers", "MongoDB books", "Redis orders"}) {
    const auto row = store_row(verify.out, kind);
    EXPECT_EQ(row.created, row.found) << kind;
    EXPECT_EQ(row.missing, 0) << kind;
    EXPECT_EQ(row.duplicates, 0) << kind;
    EXPECT_EQ(row.different, 0) << kind << "\n" << verify.out;
  }
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  EXPECT_EQ(store_row(verify.out, "Redis orders").created, 150);
}

INSTANTIATE_TEST_SUITE_P(EachStore, S1StoreOutage,
                         ::testing::Values(LocalStore::postgres, LocalStore::redis,
                                           LocalStore::mongodb),
                         [](const auto& each) { return std::string(store_name(each.param)); });

}  // namespace
}  // namespace ld::test
