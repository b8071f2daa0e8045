// One store flooded, the others served (issue 7): 32 connections search a catalog of a few
// thousand books for 10 s while a probe reads a customer (PostgreSQL) and an order (Redis) every
// 100 ms. Every probe read must succeed, searches past what MongoDB may have in flight must be
// refused at once (503 with Retry-After) rather than queued, and a book must be readable again
// within a second of the burst's end. The latencies are printed, not asserted tightly: this
// machine's timing is noisy, so the bound on a probe read is a generous 1 s. The catalog is
// written straight into MongoDB, and its S2 runs on PostgreSQL and MongoDB databases of its own,
// so its book index starts empty and the back-fill gives the catalog its rows before the flood.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <mongoc/mongoc.h>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "core/clock.hpp"
#include "net/http_client.hpp"
#include "storage/mongo/book_document.hpp"
#include "storage/mongo/mongo_pool.hpp"
#include "support/api_client.hpp"
#include "support/s2_process.hpp"
#include "support/test_env.hpp"

namespace ld::test {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using nlohmann::json;

constexpr int kBooks = 3000;
constexpr int kSearchers = 32;
constexpr auto kBurst = 10s;
constexpr auto kProbeEvery = 100ms;

struct MongoClientFree {
  void operator()(mongoc_client_t* c) const noexcept { mongoc_client_destroy(c); }
};
struct DatabaseFree {
  void operator()(mongoc_database_t* d) const noexcept { mongoc_database_destroy(d); }
};

std::unique_ptr<mongoc_client_t, MongoClientFree> mongo_client() {
  mongoc_init();
  return std::unique_ptr<mongoc_client_t, MongoClientFree>(mongoc_client_new(mongo_url().c_str()));
}

void drop_database(const std::string& name) {
  auto client = mongo_client();
  ASSERT_TRUE(client) << mongo_url();
  std::unique_ptr<mongoc_database_t, DatabaseFree> db(
      mongoc_client_get_database(client.get(), name.c_str()));
  bson_error_t error;
  if (!mongoc_database_drop(db.get(), &error) && error.code != 26) {
    FAIL() << "dropping " << name << ": " << error.message;
  }
}

// The test PostgreSQL URL with another database name.
std::string pg_url_of(const std::string& database) {
  const auto base = pg_url();
  return base.substr(0, base.rfind('/') + 1) + database;
}

// Drops the PostgreSQL database `name` if it exists, and creates it again unless `create` is false.
void reset_pg_database(const std::string& name, bool create = true) {
  pqxx::connection admin(pg_url_of("postgres"));
  pqxx::nontransaction tx(admin);
  tx.exec("DROP DATABASE IF EXISTS " + tx.quote_name(name) + " WITH (FORCE)");
  if (create) tx.exec("CREATE DATABASE " + tx.quote_name(name));
}

// Writes `count` books straight into the books collection, as the books adapter stores them,
// in batches: through the API the seeding would take longer than the test itself. Every title
// holds `word`, so a search for it matches the whole catalog. Returns the books' ids.
std::vector<std::string> seed_books(const std::string& database, int count,
                                    const std::string& word) {
  auto client = mongo_client();
  mongo::Collection books(mongoc_client_get_collection(client.get(), database.c_str(), "books"));
  std::vector<std::string> ids;
  constexpr int kBatch = 500;
  while (static_cast<int>(ids.size()) < count) {
    std::vector<mongo::Bson> docs;
    for (int i = 0; i < kBatch && static_cast<int>(ids.size()) < count; ++i) {
      Book book;
      book.fields = {{"title", fmt::format("Crônicas de {} volume {}", word, ids.size())},
                     {"authors", {"Autora da Carga"}},
                     {"language", "pt"},
                     {"price", {{"amount", "29.90"}, {"currency", "BRL"}}},
                     {"stock", 1000000}};
      book.created_at = book.updated_at = clock::now_ms();
      bson_oid_t oid;
      bson_oid_init(&oid, nullptr);
      char hex[25];
      bson_oid_to_string(&oid, hex);
      ids.emplace_back(hex);
      docs.push_back(mongo::book_document(book, oid));
    }
    // A plain array: bson_t's alignment attribute would be dropped as a template argument.
    const bson_t* views[kBatch];
    for (std::size_t i = 0; i < docs.size(); ++i) views[i] = docs[i].get();
    bson_error_t error;
    if (!mongoc_collection_insert_many(books.get(), views, docs.size(), nullptr, nullptr, &error)) {
      ADD_FAILURE() << "seeding books: " << error.message;
      return ids;
    }
  }
  return ids;
}

// Percentiles of a set of latencies, in milliseconds.
struct Spread {
  double p50 = 0, p99 = 0, max = 0;
  std::size_t n = 0;
};

Spread spread_of(std::vector<double> ms) {
  Spread s;
  s.n = ms.size();
  if (ms.empty()) return s;
  std::sort(ms.begin(), ms.end());
  const auto at = [&](double q) {
    return ms[std::min(ms.size() - 1,
                       static_cast<std::size_t>(q * static_cast<double>(ms.size())))];
  };
  s.p50 = at(0.50);
  s.p99 = at(0.99);
  s.max = ms.back();
  return s;
}

// S2's own time for a request, from its Server-Timing "app;dur=<ms>" (0 when absent).
double app_time(const Answer& a) {
  const auto timing = a.header("Server-Timing");
  const auto at = timing.find("app;dur=");
  return at == std::string::npos ? 0.0 : std::strtod(timing.c_str() + at + 8, nullptr);
}

void print(const std::string& what, const Spread& s) {
  fmt::print("  {:<22} n={:<5} p50 {:8.2f} ms  p99 {:8.2f} ms  max {:8.2f} ms\n", what, s.n, s.p50,
             s.p99, s.max);
}

class StoreIsolation : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    database_ = mongo_db() + "_load";
    drop_database(database_);
    reset_pg_database(database_);
    word_ = fmt::format("carga{}", ::getpid());
    const auto started = Clock::now();
    book_ids_ = seed_books(database_, kBooks, word_);
    fmt::print(
        "seeded {} books in {} ms\n", book_ids_.size(),
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count());
    server_ = std::make_unique<S2Process>(
        S2Process::Env{{"S2_MONGO_DB", database_}, {"S2_PG_URL", pg_url_of(database_)}});
    // Until the back-fill ends, searches are answered by MongoDB alone; the flood is meant for
    // S2 as it runs, with its index complete.
    const auto filling = Clock::now();
    const auto deadline = filling + 120s;
    net::HttpClient client;
    for (;;) {
      const auto state = send_request(client, "GET", server_->base_url() + "/ready");
      if (state.status == 200 && backfilled()) break;
      if (Clock::now() > deadline) {
        ADD_FAILURE() << "the book index was not back-filled in 120 s";
        break;
      }
      std::this_thread::sleep_for(100ms);
    }
    fmt::print(
        "book index back-filled in {} ms\n",
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - filling).count());
  }
  static void TearDownTestSuite() {
    server_.reset();
    drop_database(database_);
    reset_pg_database(database_, false);
  }
  static bool backfilled() {
    try {
      pqxx::connection c(pg_url_of(database_));
      return !pqxx::nontransaction(c).exec("SELECT 1 FROM book_index_state").empty();
    } catch (const pqxx::sql_error&) {
      return false;  // S2 has not created the table yet
    }
  }

  Answer get(net::HttpClient& client, const std::string& path) {
    return send_request(client, "GET", server_->base_url() + path);
  }
  Answer post(const std::string& path, const json& body) {
    return send_request(client_, "POST", server_->base_url() + path, body.dump());
  }

  inline static std::string database_;
  inline static std::string word_;
  inline static std::vector<std::string> book_ids_;
  inline static std::unique_ptr<S2Process> server_;
  net::HttpClient client_;
};

TEST_F(StoreIsolation, ReadyNamesEveryStoreItProbedInServerTiming) {
  const auto a = get(client_, "/ready");
  ASSERT_EQ(a.status, 200) << a.raw.body;
  const auto timing = a.header("Server-Timing");
  for (const char* store : {"postgres;dur=", "mongodb;dur=", "redis;dur=", "app;dur="}) {
    EXPECT_NE(timing.find(store), std::string::npos) << timing;
  }
  for (const char* store : {"postgres", "mongodb", "redis"}) {
    EXPECT_EQ(a.body["stores"][store]["status"], "up") << a.raw.body;
  }
}

TEST_F(StoreIsolation, StatsSaysWhichCountsAreEstimated) {
  const auto a = get(client_, "/stats");
  ASSERT_EQ(a.status, 200) << a.raw.body;
  EXPECT_EQ(a.body["estimated"], json({"customers", "books"}));
  for (const char* count : {"customers", "books", "orders"}) {
    ASSERT_TRUE(a.body[count].is_number_integer()) << a.raw.body;
    EXPECT_GE(a.body[count].get<std::int64_t>(), 0);
  }
  EXPECT_GT(a.body["books"].get<std::int64_t>(), 0) << "the seeded catalog is not empty";
}

TEST_F(StoreIsolation, AFloodOfSearchesLeavesCustomerAndOrderReadsServed) {
  ASSERT_EQ(static_cast<int>(book_ids_.size()), kBooks);
  const auto customer = post("/customers", {{"name", "Leitora Constante"},
                                            {"email", fmt::format("{}@example.com.br", word_)}});
  ASSERT_EQ(customer.status, 201) << customer.raw.body;
  const auto customer_id = customer.body["id"].get<std::int64_t>();
  const auto order = post("/orders", {{"customer_id", customer_id},
                                      {"items", {{{"book_id", book_ids_[0]}, {"quantity", 1}}}}});
  ASSERT_EQ(order.status, 201) << order.raw.body;
  const auto order_id = order.body["id"].get<std::string>();
  // /stats has read every store once before the flood (it answers a busy store's last count).
  ASSERT_EQ(get(client_, "/stats").status, 200);
  const auto search = get(client_, "/books?q=" + word_ + "&limit=20");
  ASSERT_TRUE(search.status == 200 || search.status == 503) << search.raw.body;
  if (search.status == 200) {
    EXPECT_EQ(search.body["items"].size(), 20u) << "every book holds the word";
  }

  std::atomic<int> found{0}, refused{0}, refused_without_retry_after{0}, other{0};
  std::mutex other_mutex;
  std::string other_example;
  const auto burst_ends = Clock::now() + kBurst;
  std::vector<std::thread> searchers;
  for (int i = 0; i < kSearchers; ++i) {
    searchers.emplace_back([&] {
      net::HttpClient client;
      while (Clock::now() < burst_ends) {
        const auto a = get(client, "/books?q=" + word_ + "&limit=20");
        if (a.status == 200) {
          ++found;
        } else if (a.status == 503) {
          ++refused;
          if (a.header("Retry-After").empty()) ++refused_without_retry_after;
        } else {
          ++other;
          std::lock_guard lock(other_mutex);
          other_example =
              fmt::format("{} {}", a.status, a.raw.error.empty() ? a.raw.body : a.raw.error);
        }
      }
    });
  }

  // The probe reads a customer and an order every 100 ms; beside it, /ready and /stats are
  // asked every 100 ms, as a readiness probe and a dashboard would.
  std::vector<double> customer_ms, order_ms, ready_ms, stats_ms;
  std::vector<double> customer_app_ms, order_app_ms;  // S2's own time (Server-Timing app;dur)
  std::vector<std::string> failed_reads;
  std::mutex failed_mutex;
  const auto probe_every = [&](const std::string& first_path, std::vector<double>& first_ms,
                               const std::string& second_path, std::vector<double>& second_ms,
                               std::vector<double>* first_app_ms,
                               std::vector<double>* second_app_ms) {
    net::HttpClient probe;
    const auto read = [&](const std::string& path, std::vector<double>& ms,
                          std::vector<double>* app_ms) {
      const auto a = get(probe, path);
      ms.push_back(a.raw.duration_ms);
      if (app_ms) app_ms->push_back(app_time(a));
      if (a.status != 200) {
        std::lock_guard lock(failed_mutex);
        failed_reads.push_back(fmt::format("{}: {} {}", path, a.status, a.raw.body));
      }
    };
    auto next = Clock::now();
    while (Clock::now() < burst_ends) {
      read(first_path, first_ms, first_app_ms);
      read(second_path, second_ms, second_app_ms);
      next += kProbeEvery;
      std::this_thread::sleep_until(next);
    }
  };
  std::thread operations(
      [&] { probe_every("/ready", ready_ms, "/stats", stats_ms, nullptr, nullptr); });
  probe_every("/customers/" + std::to_string(customer_id), customer_ms, "/orders/" + order_id,
              order_ms, &customer_app_ms, &order_app_ms);
  operations.join();
  for (auto& t : searchers) t.join();
  const auto ended = Clock::now();

  // After the burst: the catalog serves a read by id again within a second.
  net::HttpClient after;
  Answer book;
  double book_ms = 0;
  do {
    book = get(after, "/books/" + book_ids_[1]);
    book_ms = book.raw.duration_ms;
    if (book.status == 200) break;
    std::this_thread::sleep_for(20ms);
  } while (Clock::now() < ended + 1s);
  const std::chrono::duration<double, std::milli> book_after = Clock::now() - ended;

  fmt::print("searches for 10 s from {} connections: {} answered 200, {} refused 503, {} other\n",
             kSearchers, found.load(), refused.load(), other.load());
  print("GET /customers/{id}", spread_of(customer_ms));
  print("  S2's own time", spread_of(customer_app_ms));
  print("GET /orders/{id}", spread_of(order_ms));
  print("  S2's own time", spread_of(order_app_ms));
  print("GET /ready", spread_of(ready_ms));
  print("GET /stats", spread_of(stats_ms));
  fmt::print("  GET /books/{{id}} after the burst: {} in {:.2f} ms, {:.0f} ms after its end\n",
             book.status, book_ms, book_after.count());

  EXPECT_TRUE(failed_reads.empty())
      << failed_reads.size() << " failed, first: " << failed_reads.front();
  EXPECT_GE(customer_ms.size(), 10u) << "the probe hardly ran during the burst";
  EXPECT_LT(spread_of(customer_ms).max, 1000.0);
  EXPECT_LT(spread_of(order_ms).max, 1000.0);
  EXPECT_EQ(other.load(), 0) << other_example;
  EXPECT_EQ(refused_without_retry_after.load(), 0);
  EXPECT_GT(found.load() + refused.load(), 0);
  EXPECT_EQ(book.status, 200) << book.raw.body;
  EXPECT_LT(book_after.count(), 1000.0);
}

}  // namespace
}  // namespace ld::test
