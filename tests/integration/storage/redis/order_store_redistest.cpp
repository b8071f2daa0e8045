// The orders repository against the real Redis: what an insert writes, how lists page, filter
// and sort, and the status compare-and-set.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <limits>
#include <set>
#include <thread>
#include <utility>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "redis_fixture.hpp"
#include "storage/redis/order_keys.hpp"

namespace ld::test {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

class OrderStoreTest : public RedisTest {
 protected:
  RedisStore store_{redis_settings(), metrics_};
  OrderRepository& orders_ = store_.orders();

  std::vector<std::string> ids_of(const Page<Order>& page) {
    std::vector<std::string> ids;
    for (const auto& o : page.items) ids.push_back(o.id);
    return ids;
  }
};

std::string uuid(int n) {
  return fmt::format("0190c3e2-0000-7000-8000-{:012d}", n);
}

TEST_F(OrderStoreTest, InsertWritesTheOrderAndItsFourIndexEntries) {
  const auto order = order_for(17, 1764504000123);
  orders_.insert(order, nullptr);

  auto c = inspector();
  const auto member = fmt::format("001764504000123:{}", order.id);
  EXPECT_THAT(
      strings(c.command({"KEYS", "*"})),
      UnorderedElementsAre("{ld}:order:" + order.id, "{ld}:orders", "{ld}:orders:customer:17",
                           "{ld}:orders:status:created", "{ld}:orders:customer:17:created"));
  for (const std::string index :
       {"{ld}:orders", "{ld}:orders:customer:17", "{ld}:orders:status:created",
        "{ld}:orders:customer:17:created"}) {
    EXPECT_THAT(strings(c.command({"ZRANGE", index, "0", "-1"})), ElementsAre(member)) << index;
  }
  const auto stored = c.command({"GET", "{ld}:order:" + order.id});
  const auto doc = nlohmann::json::parse(redis::reply_text(stored.get()));
  EXPECT_EQ(doc["total_cents"], 3990 * 2 + 2550);
  EXPECT_EQ(doc["currency"], "BRL");
  EXPECT_EQ(doc["status"], "created");
  EXPECT_EQ(doc["items"][1]["title"], "Macunaíma");
  EXPECT_EQ(doc["items"][1]["unit_price_cents"], 2550);
}

TEST_F(OrderStoreTest, InsertReportsThePlacement) {
  const auto order = order_for(17, 5000);
  EXPECT_EQ(orders_.insert(order, nullptr), OrderRepository::Placement::placed);
}

TEST_F(OrderStoreTest, AnOrderStoredBeforeIsNotWrittenAgain) {
  const auto order = order_for(17, 5000);
  ASSERT_EQ(orders_.insert(order, nullptr), OrderRepository::Placement::placed);
  auto later = order;
  later.created_at = 6000;  // a second attempt of the same order, a moment later
  EXPECT_EQ(orders_.insert(later, nullptr), OrderRepository::Placement::placed_before);
  auto c = inspector();
  EXPECT_EQ(strings(c.command({"ZRANGE", "{ld}:orders", "0", "-1"})).size(), 1u);
  EXPECT_EQ(orders_.find(order.id)->created_at, 5000);
}

TEST_F(OrderStoreTest, AVoidedIdCanNeverBeStored) {
  const auto order = order_for(17, 5000);
  EXPECT_FALSE(orders_.placed_or_void(order.id));
  const IdempotencyOutcome outcome{
      "POST /orders k", "fp", StoredResponse{201, "{}", "application/json", "/orders/" + order.id}};
  EXPECT_EQ(orders_.insert(order, &outcome), OrderRepository::Placement::voided);
  auto c = inspector();
  EXPECT_THAT(strings(c.command({"KEYS", "*"})),
              UnorderedElementsAre("{ld}:order-void:" + order.id));
  const auto ttl = c.command({"PTTL", "{ld}:order-void:" + order.id})->integer;
  EXPECT_GT(ttl, 23 * 3600 * 1000LL);
  EXPECT_FALSE(orders_.find(order.id));
}

TEST_F(OrderStoreTest, PlacedOrVoidFindsAStoredOrderAndVoidsNothing) {
  const auto order = order_for(17, 5000);
  ASSERT_EQ(orders_.insert(order, nullptr), OrderRepository::Placement::placed);
  EXPECT_TRUE(orders_.placed_or_void(order.id));
  EXPECT_EQ(inspector().command({"EXISTS", "{ld}:order-void:" + order.id})->integer, 0);
}

TEST_F(OrderStoreTest, FindReturnsTheStoredOrder) {
  const auto order = order_for(17, 1764504000123);
  orders_.insert(order, nullptr);
  const auto found = orders_.find(order.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, order.id);
  EXPECT_EQ(found->customer_id, 17);
  EXPECT_EQ(found->total_cents, order.total_cents);
  EXPECT_EQ(found->created_at, 1764504000123);
  ASSERT_EQ(found->items.size(), 2u);
  EXPECT_EQ(found->items[0].title, "Vidas Secas");
  EXPECT_EQ(found->items[0].subtotal_cents, 7980);
}

TEST_F(OrderStoreTest, FindOfAnUnknownIdIsEmpty) {
  EXPECT_FALSE(orders_.find(uuid(1)));
}

TEST_F(OrderStoreTest, ListIsNewestFirstWithTiesByIdDescending) {
  orders_.insert(order_for(1, 2000, uuid(1)), nullptr);
  orders_.insert(order_for(1, 3000, uuid(2)), nullptr);
  orders_.insert(order_for(1, 2000, uuid(3)), nullptr);
  orders_.insert(order_for(1, 1000, uuid(4)), nullptr);
  const auto page = orders_.list({}, {20, std::nullopt});
  EXPECT_THAT(ids_of(page), ElementsAre(uuid(2), uuid(3), uuid(1), uuid(4)));
  EXPECT_FALSE(page.next);
}

TEST_F(OrderStoreTest, NextIsSetExactlyWhenMoreOrdersFollow) {
  for (int i = 1; i <= 4; ++i) orders_.insert(order_for(1, 1000 * i, uuid(i)), nullptr);
  EXPECT_TRUE(orders_.list({}, {3, std::nullopt}).next);
  EXPECT_FALSE(orders_.list({}, {4, std::nullopt}).next);
  const auto first = orders_.list({}, {2, std::nullopt});
  ASSERT_TRUE(first.next);
  const auto second = orders_.list({}, {2, first.next});
  EXPECT_THAT(ids_of(second), ElementsAre(uuid(2), uuid(1)));
  EXPECT_FALSE(second.next);
}

TEST_F(OrderStoreTest, ACursorStaysValidWhileNewOrdersArrive) {
  for (int i = 1; i <= 5; ++i) orders_.insert(order_for(1, 1000 * i, uuid(i)), nullptr);
  const auto first = orders_.list({}, {2, std::nullopt});
  EXPECT_THAT(ids_of(first), ElementsAre(uuid(5), uuid(4)));
  // Newer orders, and one at the very same millisecond as the cursor's, arrive meanwhile.
  orders_.insert(order_for(1, 9000, uuid(9)), nullptr);
  orders_.insert(order_for(1, 4000, uuid(0)), nullptr);
  const auto second = orders_.list({}, {2, first.next});
  EXPECT_THAT(ids_of(second), ElementsAre(uuid(0), uuid(3)));
  // The same cursor again gives the same page.
  EXPECT_EQ(ids_of(orders_.list({}, {2, first.next})), ids_of(second));
  const auto third = orders_.list({}, {2, second.next});
  EXPECT_THAT(ids_of(third), ElementsAre(uuid(2), uuid(1)));
  EXPECT_FALSE(third.next);
}

TEST_F(OrderStoreTest, PagingVisitsEveryOrderOnce) {
  std::set<std::string> inserted;
  for (int i = 0; i < 57; ++i) {
    const auto o = order_for(1, 1000 + i / 3);  // many ties
    inserted.insert(o.id);
    orders_.insert(o, nullptr);
  }
  std::set<std::string> seen;
  PageRequest page{10, std::nullopt};
  clock::Millis last_time = std::numeric_limits<clock::Millis>::max();
  for (;;) {
    const auto result = orders_.list({}, page);
    for (const auto& o : result.items) {
      EXPECT_TRUE(seen.insert(o.id).second) << "twice: " << o.id;
      EXPECT_LE(o.created_at, last_time);
      last_time = o.created_at;
    }
    if (!result.next) break;
    page.after = result.next;
  }
  EXPECT_EQ(seen, inserted);
}

TEST_F(OrderStoreTest, FiltersByCustomerStatusAndBoth) {
  auto a = order_for(1, 1000, uuid(1));
  auto b = order_for(2, 2000, uuid(2));
  auto c = order_for(1, 3000, uuid(3));
  for (const auto& o : {a, b, c}) orders_.insert(o, nullptr);
  auto paid = c;
  paid.status = OrderStatus::paid;
  ASSERT_TRUE(orders_.update_status(paid, OrderStatus::created));

  EXPECT_THAT(ids_of(orders_.list({1, std::nullopt}, {})), ElementsAre(uuid(3), uuid(1)));
  EXPECT_THAT(ids_of(orders_.list({std::nullopt, OrderStatus::created}, {})),
              ElementsAre(uuid(2), uuid(1)));
  EXPECT_THAT(ids_of(orders_.list({1, OrderStatus::paid}, {})), ElementsAre(uuid(3)));
  EXPECT_THAT(ids_of(orders_.list({2, OrderStatus::paid}, {})), ElementsAre());
  EXPECT_THAT(ids_of(orders_.list({999, std::nullopt}, {})), ElementsAre());
}

TEST_F(OrderStoreTest, AForgedCursorIs400OnCursor) {
  try {
    orders_.list({}, {2, nlohmann::json{{"created_at", "soon"}}});
    FAIL() << "expected a 400";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::invalid);
    ASSERT_EQ(e.fields().size(), 1u);
    EXPECT_EQ(e.fields()[0].field, "cursor");
  }
}

TEST_F(OrderStoreTest, UpdateStatusRewritesTheOrderAndMovesItsIndexEntries) {
  const auto order = order_for(17, 5000);
  orders_.insert(order, nullptr);
  auto paid = order;
  paid.status = OrderStatus::paid;
  paid.updated_at = 6000;
  ASSERT_TRUE(orders_.update_status(paid, OrderStatus::created));

  auto c = inspector();
  const auto member = redis::keys::index_member(5000, order.id);
  EXPECT_EQ(c.command({"ZCARD", "{ld}:orders:status:created"})->integer, 0);
  EXPECT_EQ(c.command({"ZCARD", "{ld}:orders:customer:17:created"})->integer, 0);
  EXPECT_THAT(strings(c.command({"ZRANGE", "{ld}:orders:status:paid", "0", "-1"})),
              ElementsAre(member));
  EXPECT_THAT(strings(c.command({"ZRANGE", "{ld}:orders:customer:17:paid", "0", "-1"})),
              ElementsAre(member));
  EXPECT_THAT(strings(c.command({"ZRANGE", "{ld}:orders", "0", "-1"})), ElementsAre(member));
  const auto found = orders_.find(order.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->status, OrderStatus::paid);
  EXPECT_EQ(found->updated_at, 6000);
}

TEST_F(OrderStoreTest, UpdateStatusIsACompareAndSet) {
  const auto order = order_for(17, 5000);
  orders_.insert(order, nullptr);
  auto shipped = order;
  shipped.status = OrderStatus::shipped;
  EXPECT_FALSE(orders_.update_status(shipped, OrderStatus::paid));  // it is still "created"
  EXPECT_EQ(orders_.find(order.id)->status, OrderStatus::created);
  EXPECT_FALSE(orders_.update_status(order_for(17, 5000, uuid(7)), OrderStatus::created));
  EXPECT_FALSE(orders_.find(uuid(7)));  // no order appears from a failed compare-and-set
}

TEST_F(OrderStoreTest, ConcurrentStatusChangesLetExactlyOneWin) {
  const auto order = order_for(17, 5000);
  orders_.insert(order, nullptr);
  std::atomic<int> wins{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      auto next = order;
      next.status = i % 2 == 0 ? OrderStatus::paid : OrderStatus::cancelled;
      if (orders_.update_status(next, OrderStatus::created)) ++wins;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(wins.load(), 1);
  const auto status = orders_.find(order.id)->status;
  auto c = inspector();
  EXPECT_EQ(c.command({"ZCARD", redis::keys::status_orders(status)})->integer, 1);
  EXPECT_EQ(c.command({"ZCARD", "{ld}:orders:status:created"})->integer, 0);
}

TEST_F(OrderStoreTest, ACustomerWithOrdersCannotBeClosedAndCountCountsAll) {
  EXPECT_EQ(orders_.count(), 0);
  auto order = order_for(17, 5000);
  orders_.insert(order, nullptr);
  orders_.insert(order_for(18, 5001), nullptr);
  order.status = OrderStatus::cancelled;
  ASSERT_TRUE(orders_.update_status(order, OrderStatus::created));
  EXPECT_FALSE(orders_.close_customer(17));  // a cancelled order counts too
  EXPECT_EQ(inspector().command({"EXISTS", "{ld}:customer-closed:17"})->integer, 0);
  EXPECT_EQ(orders_.count(), 2);
}

TEST_F(OrderStoreTest, NoOrderOfAClosedCustomerIsStoredUntilReopened) {
  ASSERT_TRUE(orders_.close_customer(19));
  const auto ttl = inspector().command({"PTTL", "{ld}:customer-closed:19"})->integer;
  EXPECT_GT(ttl, 9 * 60 * 1000LL);
  EXPECT_LE(ttl, 10 * 60 * 1000LL);
  const auto order = order_for(19, 5000);
  EXPECT_EQ(orders_.insert(order, nullptr), OrderRepository::Placement::customer_gone);
  EXPECT_FALSE(orders_.find(order.id));
  EXPECT_EQ(orders_.count(), 0);
  orders_.reopen_customer(19);
  EXPECT_EQ(orders_.insert(order, nullptr), OrderRepository::Placement::placed);
}

TEST_F(OrderStoreTest, CancellingListsTheRestockAsDueInTheSameStep) {
  auto order = order_for(17, 5000);
  orders_.insert(order, nullptr);
  auto paid = order;
  paid.status = OrderStatus::paid;
  ASSERT_TRUE(orders_.update_status(paid, OrderStatus::created));
  EXPECT_FALSE(orders_.restock_due(order.id));  // paying gives nothing back
  auto cancelled = paid;
  cancelled.status = OrderStatus::cancelled;
  const auto before = clock::now_ms();
  ASSERT_TRUE(orders_.update_status(cancelled, OrderStatus::paid));
  EXPECT_TRUE(orders_.restock_due(order.id));
  EXPECT_TRUE(orders_.restocks_due_before(before - 1000, 10).empty());
  EXPECT_THAT(orders_.restocks_due_before(clock::now_ms() + 1, 10), ElementsAre(order.id));
  orders_.restock_done(order.id);
  EXPECT_FALSE(orders_.restock_due(order.id));
  EXPECT_TRUE(orders_.restocks_due_before(clock::now_ms() + 1, 10).empty());
}

TEST_F(OrderStoreTest, OrderAndIdempotencyRecordAreWrittenInOneStep) {
  const auto order = order_for(17, 5000);
  const IdempotencyOutcome outcome{
      "POST /orders key-1", "fp-1",
      StoredResponse{201, R"({"id":"x"})", "application/json", "/orders/" + order.id}};
  orders_.insert(order, &outcome);

  auto c = inspector();
  const auto record = strings(c.command({"HGETALL", "{ld}:idempotency:POST /orders key-1"}));
  EXPECT_THAT(record, UnorderedElementsAre("state", "done", "fingerprint", "fp-1", "status", "201",
                                           "body", R"({"id":"x"})", "content_type",
                                           "application/json", "location", "/orders/" + order.id));
  const auto ttl = c.command({"PTTL", "{ld}:idempotency:POST /orders key-1"})->integer;
  EXPECT_GT(ttl, 23 * 3600 * 1000LL);
  EXPECT_LE(ttl, 24 * 3600 * 1000LL);
  EXPECT_TRUE(orders_.find(order.id));

  const auto again = store_.idempotency().begin("POST /orders key-1", "fp-1", uuid(9));
  EXPECT_EQ(again.outcome, IdempotencyStore::Outcome::replay);
  EXPECT_EQ(again.response.location, "/orders/" + order.id);
}

TEST_F(OrderStoreTest, StoreCallsAreTimedAsRedisOperations) {
  orders_.insert(order_for(17, 5000), nullptr);
  orders_.list({}, {});
  const auto text = metrics_.render();
  EXPECT_NE(text.find(R"(store="redis",operation="orders.insert")"), std::string::npos) << text;
  EXPECT_NE(text.find(R"(store="redis",operation="orders.list")"), std::string::npos);
}

// A placement's claim: there while the attempt runs, renewed by the repository's own thread
// past its lease, gone once ended; only this process's last attempt of an id ends it.
TEST_F(OrderStoreTest, APlacementClaimIsRenewedWhileItRunsAndGoneOnceEnded) {
  auto settings = redis_settings();
  settings.placing_lease = std::chrono::milliseconds(300);
  RedisStore short_lease(settings, metrics_);
  auto& orders = short_lease.orders();
  const auto id = uuid(901);
  const auto other = uuid(902);
  EXPECT_TRUE(orders.placing({id, other}).empty());
  orders.begin_placing(id);
  orders.begin_placing(id);  // a takeover in the same process
  EXPECT_THAT(orders.placing({id, other}), ElementsAre(id));
  std::this_thread::sleep_for(std::chrono::milliseconds(900));  // three leases, renewed
  EXPECT_THAT(orders.placing({id, other}), ElementsAre(id));
  orders.end_placing(id);
  EXPECT_THAT(orders.placing({id}), ElementsAre(id));  // the takeover still runs
  orders.end_placing(id);
  EXPECT_TRUE(orders.placing({id}).empty());
  auto c = inspector();
  EXPECT_EQ(c.command({"EXISTS", redis::keys::placing_order(id)})->integer, 0);
}

// The claim of an attempt whose S2 died (nobody renews it) lapses with its lease, and a renewal
// arriving late never brings it back: the sweep may already have acted on its absence.
TEST_F(OrderStoreTest, AClaimNobodyRenewsLapsesAndStaysGone) {
  auto settings = redis_settings();
  settings.placing_lease = std::chrono::milliseconds(300);
  RedisStore short_lease(settings, metrics_);
  auto& orders = short_lease.orders();
  const auto dead = uuid(903);
  auto c = inspector();
  c.command({"SET", redis::keys::placing_order(dead), "1", "PX", "300"});  // what the dead S2 left
  EXPECT_THAT(orders.placing({dead}), ElementsAre(dead));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!orders.placing({dead}).empty() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(orders.placing({dead}).empty());
  // A live claim lost meanwhile (it lapsed while Redis was away): the renewals that follow
  // leave it gone.
  const auto cut_off = uuid(904);
  orders.begin_placing(cut_off);
  c.command({"DEL", redis::keys::placing_order(cut_off)});
  std::this_thread::sleep_for(std::chrono::milliseconds(250));  // two renewals and more
  EXPECT_TRUE(orders.placing({cut_off}).empty());
  orders.end_placing(cut_off);
}

}  // namespace
}  // namespace ld::test
