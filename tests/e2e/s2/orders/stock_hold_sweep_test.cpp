// What happens to stock an order held when the S2 placing it died: a retry with the same
// Idempotency-Key reuses the hold instead of taking the stock twice, and a hold nobody comes back
// for is given back by the sweeper, after voiding its order id. The dead S2 is played by writing
// what it leaves behind (a hold in the book, a running idempotency record) straight into the
// stores; the S2-SIGKILL round in tests/e2e/s1 does the same with a real kill.
#include "core/clock.hpp"
#include "core/digest.hpp"
#include "orders_api.hpp"

namespace ld::test {
namespace {

const std::string kDeadOrder = "0190c3e2-dead-7000-8000-000000000001";

class StockHoldSweep : public OrdersApi {
 protected:
  static std::string database() { return mongo_db() + "_holds"; }

  static void SetUpTestSuite() {
    drop_mongo_database(database());
    server_ = std::make_unique<S2Process>(
        S2Process::Env{{"S2_MONGO_DB", database()}, {"S2_STOCK_HOLD_EXPIRY_MS", "1000"}});
  }

  void SetUp() override {
    auto c = redis_db();
    c.command({"DEL", "{ld}:order-void:" + kDeadOrder, "{ld}:order:" + kDeadOrder,
               "{ld}:order-placing:" + kDeadOrder});
  }

  // Runs one update on a book, as the dead S2 did.
  static void update_book(const std::string& book_id, const std::string& update_json) {
    std::unique_ptr<mongoc_client_t, void (*)(mongoc_client_t*)> client(
        mongoc_client_new(mongo_url().c_str()), mongoc_client_destroy);
    ASSERT_TRUE(client);
    std::unique_ptr<mongoc_collection_t, void (*)(mongoc_collection_t*)> books(
        mongoc_client_get_collection(client.get(), database().c_str(), "books"),
        mongoc_collection_destroy);
    bson_oid_t oid;
    bson_oid_init_from_string(&oid, book_id.c_str());
    bson_t* filter = BCON_NEW("_id", BCON_OID(&oid));
    bson_error_t error;
    bson_t* update = bson_new_from_json(reinterpret_cast<const std::uint8_t*>(update_json.data()),
                                        static_cast<ssize_t>(update_json.size()), &error);
    ASSERT_TRUE(update) << error.message;
    bson_t reply;
    const bool ok =
        mongoc_collection_update_one(books.get(), filter, update, nullptr, &reply, &error);
    bson_iter_t modified;
    const bool changed = ok && bson_iter_init_find(&modified, &reply, "modifiedCount") &&
                         bson_iter_as_int64(&modified) == 1;
    bson_destroy(&reply);
    bson_destroy(filter);
    bson_destroy(update);
    ASSERT_TRUE(ok) << error.message;
    ASSERT_TRUE(changed) << "the book was not changed: " << update_json;
  }

  // What an S2 killed after holding `quantity` copies for kDeadOrder leaves in the book: the
  // hold and the marker the sweeper finds it by, written by one update.
  static void hold_left_by_a_dead_attempt(const std::string& book_id, int quantity) {
    update_book(
        book_id,
        fmt::format(R"({{"$inc": {{"stock": -{0}, "revision": 1}}, "$set": {{"stock_holds.{1}":
                              {{"quantity": {0}, "taken_at": {{"$date": {{"$numberLong": "{2}"}}}}}},
                              "stock_pending": true}}}})",
                    quantity, kDeadOrder, clock::now_ms()));
  }

  // Waits up to 20 s (the sweep runs every second here) for the book's stock to read `expected`.
  bool stock_becomes(const std::string& book_id, std::int64_t expected) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
      if (stock_of(book_id) == expected) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }

  // Waits up to 5 s for /metrics to carry `series`.
  bool metrics_show(const std::string& series) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (std::chrono::steady_clock::now() < deadline) {
      if (get("/metrics").raw.body.find(series) != std::string::npos) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }

  static long long holds_in(const std::string& book_id) {
    return ledger_entries(book_id, "stock_holds");
  }

  // Whether the book carries the ledger at all (1) or not (0).
  static long long ledger_entries(const std::string& book_id, const char* ledger) {
    std::unique_ptr<mongoc_client_t, void (*)(mongoc_client_t*)> client(
        mongoc_client_new(mongo_url().c_str()), mongoc_client_destroy);
    std::unique_ptr<mongoc_collection_t, void (*)(mongoc_collection_t*)> books(
        mongoc_client_get_collection(client.get(), database().c_str(), "books"),
        mongoc_collection_destroy);
    bson_oid_t oid;
    bson_oid_init_from_string(&oid, book_id.c_str());
    bson_t* filter = BCON_NEW("_id", BCON_OID(&oid), ledger, "{", "$exists", BCON_BOOL(true), "}");
    bson_error_t error;
    const auto n =
        mongoc_collection_count_documents(books.get(), filter, nullptr, nullptr, nullptr, &error);
    bson_destroy(filter);
    return n;
  }
};

TEST_F(StockHoldSweep, AHoldNobodyComesBackForIsGivenBackAndItsOrderIdVoided) {
  const auto book = new_book("10.00", "BRL", 5);
  hold_left_by_a_dead_attempt(book, 2);  // took 2 of the 5 (checked there)
  EXPECT_TRUE(stock_becomes(book, 5));
  EXPECT_EQ(holds_in(book), 0);
  // The dead attempt, were it only late, can no longer store its order.
  EXPECT_EQ(redis_db().command({"EXISTS", "{ld}:order-void:" + kDeadOrder})->integer, 1);
  // The sweep counts what it did after its pass over every pending book, so the counter may
  // trail the stock by a moment.
  EXPECT_TRUE(metrics_show(R"(stock_records_swept_total{outcome="released"})"));
}

TEST_F(StockHoldSweep, AHoldWhoseOrderIsStoredIsSettledAndTheStockStaysTaken) {
  const auto book = new_book("10.00", "BRL", 5);
  const auto a = place(new_customer(), {{book, 2}});
  ASSERT_EQ(a.status, 201) << a.raw.body;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (holds_in(book) > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(holds_in(book), 0);
  EXPECT_EQ(stock_of(book), 3);
  const auto id = a.body.value("id", "");
  EXPECT_EQ(redis_db().command({"EXISTS", "{ld}:order-void:" + id})->integer, 0);
}

TEST_F(StockHoldSweep, ACancellationWhoseS2DiedBeforeTheRestockIsRestockedByTheSweep) {
  const auto book = new_book("10.00", "BRL", 5);
  const auto placed = place(new_customer(), {{book, 2}});
  ASSERT_EQ(placed.status, 201) << placed.raw.body;
  const std::string id = placed.body["id"];
  ASSERT_EQ(stock_of(book), 3);
  // What an S2 killed right after storing the cancellation leaves: the order cancelled and its
  // restock due, no copy back yet.
  auto redis = redis_db();
  auto order = json::parse(redis::reply_text(redis.command({"GET", "{ld}:order:" + id}).get()));
  order["status"] = "cancelled";
  redis.command({"SET", "{ld}:order:" + id, order.dump()});
  redis.command({"ZADD", "{ld}:restocks-due", std::to_string(clock::now_ms()), id});
  EXPECT_TRUE(stock_becomes(book, 5));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (redis.command({"ZSCORE", "{ld}:restocks-due", id})->type != REDIS_REPLY_NIL &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(redis.command({"ZSCORE", "{ld}:restocks-due", id})->type, REDIS_REPLY_NIL);
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));  // later sweeps give no more
  EXPECT_EQ(stock_of(book), 5);
}

TEST_F(StockHoldSweep, ACancelledOrderGivesItsStockBackOnceAndItsRecordIsForgotten) {
  const auto book = new_book("10.00", "BRL", 5);
  const auto placed = place(new_customer(), {{book, 2}});
  ASSERT_EQ(placed.status, 201) << placed.raw.body;
  const std::string id = placed.body["id"];
  ASSERT_EQ(patch("/orders/" + id, {{"status", "cancelled"}}).status, 200);
  EXPECT_EQ(stock_of(book), 5);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (ledger_entries(book, "stock_returns") > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(ledger_entries(book, "stock_returns"), 0);
  EXPECT_EQ(stock_of(book), 5);
}

// With the default expiry (two minutes), and the dead attempt's claim left live by the test, so
// the sweeper cannot take the hold first.
class CrashedOrderRetry : public StockHoldSweep {
 protected:
  static void SetUpTestSuite() {
    drop_mongo_database(database());
    server_ = std::make_unique<S2Process>(S2Process::Env{{"S2_MONGO_DB", database()}});
  }
};

TEST_F(CrashedOrderRetry, ARetryWithTheSameKeyReusesTheHoldOfTheAttemptThatDied) {
  const auto customer = new_customer();
  const auto book = new_book("10.00", "BRL", 5);
  const json body = {{"customer_id", customer}, {"items", {{{"book_id", book}, {"quantity", 2}}}}};
  const auto key = unique("retry-after-crash");
  // The first attempt was promised kDeadOrder, held two copies and died; its key's lock ran
  // out, while its placement claim has not lapsed yet (or the sweep would void the id first,
  // and the retry would place the order afresh under a new one).
  redis_db().command({"SET", "{ld}:order-placing:" + kDeadOrder, "1", "PX", "30000"});
  hold_left_by_a_dead_attempt(book, 2);
  redis_db().command({"HSET", "{ld}:idempotency:POST /orders " + key, "state", "running",
                      "fingerprint", digest::sha256_hex(body.dump()), "locked_until", "0",
                      "promised_id", kDeadOrder});
  const auto a = post("/orders", body, {{"Idempotency-Key", key}});
  ASSERT_EQ(a.status, 201) << a.raw.body;
  EXPECT_EQ(a.body.value("id", ""), kDeadOrder);
  EXPECT_EQ(stock_of(book), 3);  // taken once, by the first attempt
  // The retry's end of placing let go of the claim: the sweeper sees the order stored and
  // settles the hold, and the copies stay taken.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (holds_in(book) > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(holds_in(book), 0);
  EXPECT_EQ(stock_of(book), 3);
  EXPECT_EQ(redis_db().command({"EXISTS", "{ld}:order-placing:" + kDeadOrder})->integer, 0);
  redis_db().command({"DEL", "{ld}:idempotency:POST /orders " + key});
}

}  // namespace
}  // namespace ld::test
