// A store or an S2 killed with SIGKILL in the middle of placing orders: recovery is set by the
// outage, not by lease timers. The book store killed for 3 s leaves every books and orders
// endpoint answering again within 5 s of its return, and no order failed for good (clients
// retry with their Idempotency-Key, as S1 does); an S2 killed while holding copies for an order
// gets them back within seconds (its placement claim lapses), not after S2_STOCK_HOLD_EXPIRY_MS.
#include <signal.h>

#include <atomic>
#include <iostream>
#include <map>
#include <mutex>
#include <sstream>

#include "orders_api.hpp"
#include "support/store_outage.hpp"

namespace ld::test {
namespace {

using Clock = std::chrono::steady_clock;

template <typename Condition>
bool within(Condition done, std::chrono::milliseconds bound) {
  const auto deadline = Clock::now() + bound;
  while (!done()) {
    if (Clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return true;
}

long long ms_since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

class StoreKillRecovery : public OrdersApi {
 protected:
  std::string order_body(std::int64_t customer, const std::vector<std::string>& books) {
    json items = json::array();
    for (const auto& book : books) items.push_back({{"book_id", book}, {"quantity", 1}});
    return json{{"customer_id", customer}, {"items", items}}.dump();
  }
};

// Orders keep arriving, each for one copy of one of four counted books (so every one takes a
// book lock), while the book store is killed for 3 s. Writes cut off by the kill could not give
// their locks back; the requests they were part of fail 503 and are retried with their keys.
// Within 5 s of the store's return every books and orders endpoint answers 2xx again, including
// writes to the very books whose locks the kill left behind; in the end every order the clients
// asked for is placed exactly once and each book's stock counts exactly the copies ordered.
TEST_F(StoreKillRecovery, ABookStoreKilledFor3sCostsSecondsAndNoOrder) {
  const auto customer = new_customer();
  std::vector<std::string> books;
  for (int i = 0; i < 4; ++i) books.push_back(new_book("10.00", "BRL", 100'000));
  const std::string url = server_->base_url() + "/orders";
  const std::string run = unique("book-store-kill");

  std::atomic<bool> stopping{false};
  std::atomic<int> placed{0};
  std::mutex mutex;
  std::map<std::string, int> ordered;      // book -> copies the clients placed
  std::vector<std::string> failed;         // keys never placed
  std::map<std::string, std::string> ids;  // key -> order id
  int refused_answers = 0;
  std::vector<std::thread> clients;
  const auto give_up = Clock::now() + std::chrono::seconds(90);
  for (int c = 0; c < 4; ++c) {
    clients.emplace_back([&, c] {
      net::HttpClient client;
      for (int n = 0; !stopping; ++n) {
        const auto key = fmt::format("{}-{}-{}", run, c, n);
        const auto& book = books[static_cast<std::size_t>(n + c) % books.size()];
        const auto body = order_body(customer, {book});
        // Retried with the same key until placed, as S1 does, backing off a little.
        for (;;) {
          const auto a = send_request(client, "POST", url, body, {{"Idempotency-Key", key}});
          if (a.status == 201) {
            const std::scoped_lock lock(mutex);
            ++ordered[book];
            ids[key] = a.body.value("id", "");
            ++placed;
            break;
          }
          {
            const std::scoped_lock lock(mutex);
            ++refused_answers;
          }
          if (Clock::now() > give_up) {
            const std::scoped_lock lock(mutex);
            failed.push_back(fmt::format("{}: {} {}", key, a.status, a.raw.body));
            break;
          }
          std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
      }
    });
  }
  ASSERT_TRUE(within([&] { return placed.load() >= 20; }, std::chrono::seconds(60)));

  Clock::time_point back;
  {
    StoreKilled kill(LocalStore::mongodb);
    ASSERT_TRUE(kill.killed()) << "scripts/stores.sh pid mongodb found no server";
    std::this_thread::sleep_for(std::chrono::seconds(3));  // the outage itself
    kill.start();
    back = Clock::now();
  }

  // One round of every books and orders endpoint, writes to the four books included. Two times
  // are recorded: when the first round that found every endpoint answering began (requests sent
  // from then on were answered 2xx), and when it ended (its 13 requests, one after another,
  // take longer on a loaded machine, and the bound below applies to that end).
  int round = 0;
  long long round_started_ms = 0;
  std::vector<std::string> not_yet;
  const auto every_endpoint_answers = [&] {
    not_yet.clear();
    ++round;
    round_started_ms = ms_since(back);
    const auto check = [&](const std::string& what, const Answer& a) {
      if (a.status < 200 || a.status > 299) {
        not_yet.push_back(fmt::format("{}: {} {}", what, a.status, a.raw.body));
      }
    };
    check("GET /books?limit=5", get("/books?limit=5"));
    for (const auto& book : books) {
      check("GET /books/" + book, get("/books/" + book));
      check("PATCH /books/" + book,
            send("PATCH", "/books/" + book, json{{"page_count", 100 + round}}.dump()));
    }
    const auto order = send("POST", "/orders", order_body(customer, books),
                            {{"Idempotency-Key", fmt::format("{}-probe-{}", run, round)}});
    check("POST /orders", order);
    if (order.status == 201) {
      const std::scoped_lock lock(mutex);
      for (const auto& book : books) ++ordered[book];
      check("GET /orders/{id}", get("/orders/" + order.body.value("id", "")));
    }
    check("GET /orders", get(fmt::format("/orders?customer_id={}&limit=5", customer)));
    return not_yet.empty();
  };
  const bool recovered = within(every_endpoint_answers, std::chrono::seconds(30));
  const auto recovered_ms = round_started_ms;
  const auto round_ended_ms = ms_since(back);
  stopping = true;
  for (auto& t : clients) t.join();

  ASSERT_TRUE(recovered) << not_yet.front();
  // The aim is seconds (about 1 s here, with a 5 s lock lease as the worst case); the bound is
  // looser because timing on a shared machine is noisy: both times are recorded below, and a
  // lock that outlives its lease by far, as the 30 s locks used to, still fails.
  EXPECT_LE(round_ended_ms, 15'000) << "endpoints answered 2xx again only " << round_ended_ms
                                    << " ms after the book store returned";
  EXPECT_THAT(failed, ::testing::IsEmpty());
  EXPECT_GT(refused_answers, 0) << "the kill cut off no request";
  RecordProperty("endpoints_back_ms_after_return", static_cast<int>(recovered_ms));
  RecordProperty("first_full_round_answered_ms_after_return", static_cast<int>(round_ended_ms));
  RecordProperty("refused_answers_retried", refused_answers);
  RecordProperty("orders_placed", placed.load());

  // Every order once: each key's order is stored, and once the holds of attempts cut off are
  // settled or given back, each book's stock is exactly what the copies ordered leave: none
  // taken twice, and none given back by the PATCHes above, which wait for the locks the kill
  // left behind while orders take copies of the same books.
  for (const auto& [key, id] : ids) {
    EXPECT_EQ(get("/orders/" + id).status, 200) << key;
  }
  int drift = 0;
  for (const auto& book : books) {
    const std::int64_t expected = 100'000 - ordered[book];
    within([&] { return stock_of(book) == expected; }, std::chrono::seconds(10));
    const auto stock = stock_of(book).value_or(-1);
    EXPECT_EQ(stock, expected) << "book " << book << ": "
                               << (stock < expected ? "copies taken twice"
                                                    : "copies given back that orders hold");
    drift += static_cast<int>(std::abs(stock - expected));
  }
  RecordProperty("stock_drift_copies", drift);
  if (HasFailure() || drift > 0) {
    // What the server did with locks and holds around the outage.
    std::istringstream log(server_->log());
    for (std::string line; std::getline(log, line);) {
      if (line.find("lock") != std::string::npos || line.find("hold") != std::string::npos) {
        std::cerr << line << "\n";
      }
    }
  }
}

// An S2 is killed while it holds copies of fifty books for an order it has not stored yet. The
// copies come back within seconds, given back by the sweep of the S2 still running once the
// dead one's placement claim has lapsed (the expiry, 120 s here, plays no part); the order's id
// is voided first, so it can never be stored late; and the client's retry with the same key is
// placed, taking each copy once.
TEST_F(StoreKillRecovery, CopiesHeldByAKilledS2ComeBackWithinSeconds) {
  S2Process doomed(S2Process::Env{{"S2_MONGO_DB", mongo_db() + "_orders"}});
  const auto customer = new_customer();
  std::vector<std::string> books;
  for (int i = 0; i < 50; ++i) {  // the most items an order may have
    books.push_back(new_book("10.00", "BRL", 5));
  }
  const std::string key = unique("s2-kill");
  const std::string body = order_body(customer, books);

  std::thread client([&] {
    net::HttpClient c;
    // Its S2 dies under it: no answer, or a refused connection.
    send_request(c, "POST", doomed.base_url() + "/orders", body, {{"Idempotency-Key", key}});
  });
  // The first book's copy is held: the order is being placed. Kill its S2 there.
  const bool holding =
      within([&] { return stock_of(books.front()) == 4; }, std::chrono::seconds(30));
  doomed.stop(SIGKILL);
  const auto killed = Clock::now();
  client.join();
  ASSERT_TRUE(holding) << "the order never started holding copies";

  auto redis = redis_db();
  const auto promised = redis::reply_text(
      redis.command({"HGET", "{ld}:idempotency:POST /orders " + key, "promised_id"}).get());
  ASSERT_FALSE(promised.empty());
  ASSERT_EQ(redis.command({"EXISTS", "{ld}:order:" + promised})->integer, 0)
      << "the order was stored before the kill: nothing was cut off";
  std::vector<std::string> held;
  for (const auto& book : books) {
    if (stock_of(book) == 4) held.push_back(book);
  }
  ASSERT_FALSE(held.empty());

  const bool back = within(
      [&] {
        for (const auto& book : held) {
          if (stock_of(book) != 5) return false;
        }
        return true;
      },
      std::chrono::seconds(60));
  const auto back_ms = ms_since(killed);
  ASSERT_TRUE(back) << "held copies not given back " << back_ms << " ms after the kill";
  RecordProperty("held_books", static_cast<int>(held.size()));
  RecordProperty("copies_back_ms_after_kill", static_cast<int>(back_ms));
  EXPECT_LT(back_ms, 30'000) << "the copies came back only with a timer, not with the claim";
  // The dead attempt, were it only late, can never store its order now.
  EXPECT_EQ(redis.command({"EXISTS", "{ld}:order-void:" + promised})->integer, 1);

  // The client retries with its key on the S2 still running: placed under a fresh id, one copy
  // of each book taken once.
  Answer retry;
  ASSERT_TRUE(within(
      [&] {
        retry = send("POST", "/orders", body, {{"Idempotency-Key", key}});
        return retry.status == 201;
      },
      std::chrono::seconds(30)))
      << retry.status << " " << retry.raw.body;
  EXPECT_NE(retry.body.value("id", ""), promised);
  for (const auto& book : books) {
    EXPECT_TRUE(within([&] { return stock_of(book) == 4; }, std::chrono::seconds(30)))
        << "book " << book << " has " << stock_of(book).value_or(-1);
  }
}

}  // namespace
}  // namespace ld::test
