// Redis stopped while s2 runs: orders answer 503 naming redis with the stock left as it was,
// customers keep working, and orders work again once Redis is back, without restarting s2; the
// Idempotency-Keys of the orders the outage cut off are free again within seconds.
#include <atomic>
#include <mutex>

#include "orders_api.hpp"

namespace ld::test {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

TEST_F(OrdersApi, WithRedisDownOrdersAre503AndStockIsUntouchedWhileCustomersStillWork) {
  const auto customer = new_customer();
  const auto book = new_book("10.00", "BRL", 7);
  stores("stop redis");
  auto a = place(customer, {{book, 2}});
  EXPECT_EQ(a.status, 503) << a.raw.body;
  EXPECT_EQ(a.body.value("store", ""), "redis");
  EXPECT_THAT(a.header("Content-Type"), ::testing::StartsWith("application/problem+json"));
  EXPECT_FALSE(a.header("Retry-After").empty());
  EXPECT_EQ(a.raw.body.find("onnection refused"), std::string::npos);  // no driver words
  EXPECT_EQ(stock_of(book), 7);  // reserved, then given back when Redis refused the order
  EXPECT_EQ(get(fmt::format("/customers/{}", customer)).status, 200);
  EXPECT_EQ(get("/orders?limit=1").status, 503);
  stores("start redis");
  auto b = place(customer, {{book, 2}});
  EXPECT_EQ(b.status, 201) << b.raw.body;  // the same s2, never restarted
  EXPECT_EQ(stock_of(book), 5);
}

// Keyed orders keep arriving while Redis stops for about 3 s. A request that took its key just
// before the stop could not unlock it; its lease, no longer renewed, runs out, so the retry of
// every key the outage cut off is answered (201, the order placed once) within 5 s of Redis's
// return, instead of 409 "still running" for as long as a fixed lock lasted.
TEST_F(OrdersApi, KeysCutOffByARedisOutageAreFreeWithinSecondsOfItsReturn) {
  const auto customer = new_customer();
  const auto book = new_book("10.00", "BRL", std::nullopt);  // unlimited: no 409 on stock
  const std::string body =
      json{{"customer_id", customer}, {"items", {{{"book_id", book}, {"quantity", 1}}}}}.dump();
  const std::string url = server_->base_url() + "/orders";
  const std::string run = unique("outage");

  std::atomic<bool> stopping{false};
  std::atomic<int> placed{0};
  std::mutex mutex;
  std::vector<std::string> cut_off;  // keys answered anything but 201
  std::vector<std::thread> clients;
  for (int c = 0; c < 4; ++c) {
    clients.emplace_back([&, c] {
      net::HttpClient client;
      for (int n = 0; !stopping; ++n) {
        const auto key = fmt::format("{}-{}-{}", run, c, n);
        const auto a = send_request(client, "POST", url, body, {{"Idempotency-Key", key}});
        if (a.status == 201) {
          ++placed;
        } else {
          const std::scoped_lock lock(mutex);
          cut_off.push_back(key);
        }
        // Like a client backing off, and so the outage leaves a few dozen keys, not thousands.
        if (a.status != 201) std::this_thread::sleep_for(std::chrono::milliseconds(200));
      }
    });
  }
  const auto wait_until = [](auto done, std::chrono::seconds within) {
    const auto deadline = std::chrono::steady_clock::now() + within;
    while (!done() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return done();
  };
  ASSERT_TRUE(wait_until([&] { return placed.load() >= 8; }, std::chrono::seconds(60)));
  stores("stop redis");
  std::this_thread::sleep_for(std::chrono::seconds(3));  // the outage itself
  stores("start redis");                                 // returns once Redis serves
  const auto back = std::chrono::steady_clock::now();
  stopping = true;
  for (auto& t : clients) t.join();
  ASSERT_FALSE(cut_off.empty()) << "the outage cut off no request";

  // Every endpoint answers normally again: each cut-off key's retry, and a read of the orders.
  // The retries go round the keys still refused until none is left or the bound has passed.
  const auto within = back + std::chrono::seconds(5);
  std::vector<std::string> refused = cut_off;
  std::vector<std::string> wrong;  // answered, but not 201
  while (!refused.empty() && std::chrono::steady_clock::now() < within) {
    std::vector<std::string> still;
    for (const auto& key : refused) {
      const auto a = send_request(client_, "POST", url, body, {{"Idempotency-Key", key}});
      if (a.status == 409 || a.status == 503) {
        still.push_back(key);
      } else if (a.status != 201) {
        wrong.push_back(fmt::format("{}: {} {}", key, a.status, a.raw.body));
      }
    }
    refused = std::move(still);
    if (!refused.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const auto answered_after = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - back);
  EXPECT_THAT(refused, ::testing::IsEmpty())
      << "keys still refused " << answered_after.count() << " ms after Redis returned";
  EXPECT_THAT(wrong, ::testing::IsEmpty());
  RecordProperty("cut_off_keys", static_cast<int>(cut_off.size()));
  RecordProperty("all_keys_answered_ms_after_return", static_cast<int>(answered_after.count()));
  const auto orders = get(fmt::format("/orders?customer_id={}&limit=1", customer));
  EXPECT_EQ(orders.status, 200) << orders.raw.body;
}

}  // namespace
}  // namespace ld::test
