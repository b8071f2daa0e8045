// POST /orders end to end: 201 with a snapshot of titles and prices, stock taken in MongoDB, the
// order and its index entries in Redis; 400, 422 and 409 with the fields they name; and
// Idempotency-Key replays that place nothing twice.
#include "orders_api.hpp"

#include <atomic>
#include <chrono>

namespace ld::test {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

// POST /orders 201 -----------------------------------------------------------------------------

TEST_F(OrdersApi, PlacingAnOrderAnswers201WithTheOrderAndItsLocation) {
  const auto customer = new_customer();
  const auto a_book = new_book("39.90", "BRL", 10);
  const auto b_book = new_book("12.05", "BRL", std::nullopt);
  const auto title = get("/books/" + a_book).body["title"];

  auto a = place(customer, {{a_book, 3}, {b_book, 2}});
  ASSERT_EQ(a.status, 201) << a.raw.body;
  const std::string id = a.body["id"];
  EXPECT_EQ(a.header("Location"), "/orders/" + id);
  EXPECT_THAT(a.header("Content-Type"), ::testing::StartsWith("application/json"));
  EXPECT_EQ(id.size(), 36u);
  EXPECT_EQ(id[14], '7');  // UUIDv7
  EXPECT_EQ(a.body["customer_id"], customer);
  EXPECT_EQ(a.body["status"], "created");
  ASSERT_EQ(a.body["items"].size(), 2u);
  EXPECT_EQ(a.body["items"][0], json({{"book_id", a_book},
                                      {"title", title},
                                      {"unit_price", {{"amount", "39.90"}, {"currency", "BRL"}}},
                                      {"quantity", 3},
                                      {"subtotal", {{"amount", "119.70"}, {"currency", "BRL"}}}}));
  EXPECT_EQ(a.body["items"][1]["subtotal"]["amount"], "24.10");
  EXPECT_EQ(a.body["total"], json({{"amount", "143.80"}, {"currency", "BRL"}}));
  EXPECT_EQ(a.body["created_at"], a.body["updated_at"]);
  EXPECT_THAT(a.header("Server-Timing"), ::testing::HasSubstr("redis;dur="));
  EXPECT_THAT(a.header("Server-Timing"), ::testing::HasSubstr("pg;dur="));
  EXPECT_THAT(a.header("Server-Timing"), ::testing::HasSubstr("mongo;dur="));
}

TEST_F(OrdersApi, PlacingAnOrderTakesStockOnlyFromBooksThatTrackIt) {
  const auto customer = new_customer();
  const auto counted = new_book("10.00", "BRL", 5);
  const auto unlimited = new_book("10.00", "BRL", std::nullopt);
  ASSERT_EQ(place(customer, {{counted, 2}, {unlimited, 50}}).status, 201);
  EXPECT_EQ(stock_of(counted), 3);
  EXPECT_EQ(stock_of(unlimited), std::nullopt);
}

TEST_F(OrdersApi, TheOrderLandsInRedisWithCentsAndItsIndexEntries) {
  const auto customer = new_customer();
  const auto book = new_book("39.90", "BRL", 10);
  auto a = place(customer, {{book, 2}});
  ASSERT_EQ(a.status, 201) << a.raw.body;
  const std::string id = a.body["id"];

  auto c = redis_db();
  const auto stored = c.command({"GET", "{ld}:order:" + id});
  ASSERT_EQ(stored->type, REDIS_REPLY_STRING);
  const auto doc = json::parse(redis::reply_text(stored.get()));
  EXPECT_EQ(doc["customer_id"], customer);
  EXPECT_EQ(doc["currency"], "BRL");
  EXPECT_EQ(doc["total_cents"], 7980);
  EXPECT_EQ(doc["status"], "created");
  EXPECT_EQ(doc["items"][0]["unit_price_cents"], 3990);
  EXPECT_EQ(doc["items"][0]["subtotal_cents"], 7980);
  const auto member = fmt::format("{:015d}:{}", doc["created_at"].get<std::int64_t>(), id);
  for (const auto& index :
       {std::string("{ld}:orders"), fmt::format("{{ld}}:orders:customer:{}", customer),
        std::string("{ld}:orders:status:created"),
        fmt::format("{{ld}}:orders:customer:{}:created", customer)}) {
    EXPECT_EQ(c.command({"ZSCORE", index, member})->type, REDIS_REPLY_STRING) << index;
  }
}

TEST_F(OrdersApi, TheOrderKeepsASnapshotOfTitleAndPrice) {
  const auto customer = new_customer();
  const auto book = new_book("20.00", "BRL", 10);
  auto placed = place(customer, {{book, 1}});
  ASSERT_EQ(placed.status, 201);
  const auto title = placed.body["items"][0]["title"];
  ASSERT_EQ(patch("/books/" + book, {{"title", "Outro título"},
                                     {"price", {{"amount", "99.00"}, {"currency", "BRL"}}}})
                .status,
            200);
  const auto again = get("/orders/" + placed.body["id"].get<std::string>());
  EXPECT_EQ(again.body["items"][0]["title"], title);
  EXPECT_EQ(again.body["items"][0]["unit_price"]["amount"], "20.00");
}

// POST /orders 400 -----------------------------------------------------------------------------

TEST_F(OrdersApi, AnInvalidOrderIs400ListingEveryField) {
  const auto book = new_book();
  auto a = post("/orders", {{"customer_id", "x"},
                            {"items",
                             {{{"book_id", book}, {"quantity", 0}},
                              {{"book_id", "nope"}, {"quantity", 1}},
                              {{"book_id", book}, {"quantity", 2}}}}});
  EXPECT_EQ(a.status, 400);
  EXPECT_THAT(a.header("Content-Type"), ::testing::StartsWith("application/problem+json"));
  EXPECT_THAT(fields_of(a), UnorderedElementsAre("customer_id", "items[0].quantity",
                                                 "items[1].book_id", "items[2].book_id"));
}

TEST_F(OrdersApi, ItemsMustNumber1To50) {
  EXPECT_THAT(fields_of(post("/orders", {{"customer_id", 1}, {"items", json::array()}})),
              ElementsAre("items"));
  json many = json::array();
  for (int i = 0; i < 51; ++i)
    many.push_back({{"book_id", fmt::format("{:024x}", i + 1)}, {"quantity", 1}});
  auto a = post("/orders", {{"customer_id", 1}, {"items", many}});
  EXPECT_EQ(a.status, 400);
  EXPECT_THAT(fields_of(a), ElementsAre("items"));
}

TEST_F(OrdersApi, QuantitiesAreIntegersFrom1To100) {
  const auto book = new_book();
  for (const auto& bad : {json(101), json(0), json(1.5), json("2")}) {
    const auto a =
        post("/orders", {{"customer_id", 1}, {"items", {{{"book_id", book}, {"quantity", bad}}}}});
    EXPECT_EQ(a.status, 400) << bad.dump();
    EXPECT_THAT(fields_of(a), ElementsAre("items[0].quantity")) << bad.dump();
  }
  const auto huge = send(
      "POST", "/orders",
      fmt::format(
          R"({{"customer_id": 99999999999999999999, "items": [{{"book_id": "{}", "quantity": 1}}]}})",
          book));
  EXPECT_EQ(huge.status, 400);
  EXPECT_THAT(fields_of(huge), ElementsAre("customer_id"));
}

// POST /orders 422 -----------------------------------------------------------------------------

// The 422 rules themselves (every missing customer or book, books not for sale, mixed
// currencies) are unit tests of place_order (tests/unit/domain/orders); here, that they reach the
// client as one problem and leave the real stock alone.
TEST_F(OrdersApi, AnOrderReferringToWhatDoesNotExistIs422NamingEveryField) {
  const auto book = new_book("10.00", "BRL", 4);
  auto a = place(9'000'000'000'000'000'000, {{book, 1}, {"65f0a1b2c3d4e5f6ffffffff", 1}});
  EXPECT_EQ(a.status, 422) << a.raw.body;
  EXPECT_THAT(fields_of(a), ElementsAre("customer_id", "items[1].book_id"));
  EXPECT_EQ(stock_of(book), 4);
}

// POST /orders 409 -----------------------------------------------------------------------------

TEST_F(OrdersApi, NotEnoughStockIs409OnTheQuantityAndGivesBackWhatWasTaken) {
  const auto customer = new_customer();
  const auto plenty = new_book("10.00", "BRL", 10);
  const auto scarce = new_book("10.00", "BRL", 2);
  auto a = place(customer, {{plenty, 4}, {scarce, 3}});
  EXPECT_EQ(a.status, 409) << a.raw.body;
  EXPECT_THAT(fields_of(a), ElementsAre("items[1].quantity"));
  EXPECT_EQ(stock_of(plenty), 10);  // the 4 taken first went back
  EXPECT_EQ(stock_of(scarce), 2);
  EXPECT_EQ(place(customer, {{scarce, 2}}).status, 201);  // exactly the stock is fine
  EXPECT_EQ(stock_of(scarce), 0);
}

TEST_F(OrdersApi, ConcurrentOrdersNeverOversell) {
  const auto book = new_book("10.00", "BRL", 5);
  const auto customer = new_customer();
  std::vector<std::thread> threads;
  std::atomic<int> placed{0};
  std::atomic<int> refused{0};
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      net::HttpClient own;
      const auto r = own.send(
          {"POST",
           server_->base_url() + "/orders",
           {{"Content-Type", "application/json"}},
           json({{"customer_id", customer}, {"items", {{{"book_id", book}, {"quantity", 1}}}}})
               .dump()});
      if (r.status == 201) ++placed;
      if (r.status == 409) ++refused;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(placed.load(), 5);
  EXPECT_EQ(refused.load(), 3);
  EXPECT_EQ(stock_of(book), 0);
}

TEST_F(OrdersApi, SixtyFourConcurrentOrdersForTheLastCopiesNeverOversell) {
  constexpr int kCopies = 5;
  constexpr int kOrders = 64;
  const auto book = new_book("10.00", "BRL", kCopies);
  const auto customer = new_customer();
  std::vector<std::thread> threads;
  std::atomic<int> placed{0};
  std::atomic<int> refused{0};
  std::atomic<int> other{0};
  for (int i = 0; i < kOrders; ++i) {
    threads.emplace_back([&] {
      net::HttpClient own;
      const auto body =
          json({{"customer_id", customer}, {"items", {{{"book_id", book}, {"quantity", 1}}}}})
              .dump();
      // A 503 with Retry-After is S2 refusing work beyond a store's limit before touching
      // anything: retried, as a client would, until the order is placed or refused.
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
      while (std::chrono::steady_clock::now() < deadline) {
        const auto r = own.send({"POST",
                                 server_->base_url() + "/orders",
                                 {{"Content-Type", "application/json"}},
                                 body});
        if (r.status == 503) {
          std::this_thread::sleep_for(std::chrono::milliseconds(20));
          continue;
        }
        if (r.status == 201) {
          ++placed;
        } else if (r.status == 409) {
          ++refused;
        } else {
          ++other;
        }
        return;
      }
      ++other;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(placed.load(), kCopies);
  EXPECT_EQ(refused.load(), kOrders - kCopies);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(stock_of(book), 0);
}

// Idempotency-Key ------------------------------------------------------------------------------

TEST_F(OrdersApi, ARepeatedKeyReplaysTheOrderWithoutPlacingItTwice) {
  const auto customer = new_customer();
  const auto book = new_book("10.00", "BRL", 5);
  const json body = {{"customer_id", customer}, {"items", {{{"book_id", book}, {"quantity", 2}}}}};
  const net::Headers key = {{"Idempotency-Key", unique("order-key")}};
  auto first = post("/orders", body, key);
  ASSERT_EQ(first.status, 201) << first.raw.body;
  EXPECT_EQ(first.header("Idempotent-Replayed"), "");
  auto again = post("/orders", body, key);
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.header("Idempotent-Replayed"), "true");
  EXPECT_EQ(again.raw.body, first.raw.body);
  EXPECT_EQ(again.header("Location"), first.header("Location"));
  EXPECT_EQ(stock_of(book), 3);
  EXPECT_EQ(get(fmt::format("/orders?customer_id={}", customer)).body["items"].size(), 1u);
  auto other = body;
  other["items"][0]["quantity"] = 1;
  EXPECT_EQ(post("/orders", other, key).status, 422);
}

// A customer deleted while an order for it is on its way -----------------------------------------

TEST_F(OrdersApi, AnOrderForACustomerBeingDeletedIsRefusedAndTakesNoStock) {
  const auto customer = new_customer();
  const auto book = new_book("10.00", "BRL", 5);
  // What DELETE /customers/{id} does first, caught between its two steps: the order passes the
  // customer check in PostgreSQL, and is refused in Redis.
  auto redis = redis_db();
  redis.command({"SET", fmt::format("{{ld}}:customer-closed:{}", customer), "1", "PX", "60000"});
  const auto a = place(customer, {{book, 2}});
  EXPECT_EQ(a.status, 422) << a.raw.body;
  EXPECT_THAT(fields_of(a), ElementsAre("customer_id"));
  EXPECT_EQ(stock_of(book), 5);
  EXPECT_EQ(get(fmt::format("/orders?customer_id={}", customer)).body["items"].size(), 0u);
  redis.command({"DEL", fmt::format("{{ld}}:customer-closed:{}", customer)});
  EXPECT_EQ(place(customer, {{book, 2}}).status, 201);
}

TEST_F(OrdersApi, DeletingACustomerLeavesNoClosedMarkBehindWhenItHasOrders) {
  const auto customer = new_customer();
  const auto book = new_book("10.00", "BRL", 5);
  ASSERT_EQ(place(customer, {{book, 1}}).status, 201);
  EXPECT_EQ(send("DELETE", fmt::format("/customers/{}", customer)).status, 409);
  EXPECT_EQ(
      redis_db().command({"EXISTS", fmt::format("{{ld}}:customer-closed:{}", customer)})->integer,
      0);
  EXPECT_EQ(place(customer, {{book, 1}}).status, 201);
}

}  // namespace
}  // namespace ld::test
