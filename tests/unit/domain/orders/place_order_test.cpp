// Placing an order against the stores in memory: the API's 422 and 409 rules, the stock hold,
// the idempotency record written with the order, and every failure the stores can answer with.
#include "domain/orders/place_order.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/ids.hpp"
#include "fakes/domain/fake_stores.hpp"
#include "support/expect_error.hpp"

namespace ld {
namespace {

using fakes::Fault;
using test::expect_error;
using ::testing::ElementsAre;

class PlaceOrderTest : public ::testing::Test {
 protected:
  fakes::FakeStores s;
  std::int64_t customer = s.add_customer();
  std::string dom_casmurro = s.add_book("Dom Casmurro", "39.90", 5);
  std::string iracema = s.add_book("Iracema", "25.00");  // unlimited

  OrderRequest request(std::int64_t quantity = 2) {
    return {customer, {{dom_casmurro, quantity}, {iracema, 1}}};
  }
  Order place(const OrderRequest& r, IdempotencyScope* scope = nullptr) {
    return place_order(s.order_stores(), r, scope, [](const Order& o) {
      return StoredResponse{201, o.id, "text/plain", ""};
    });
  }
  std::int64_t stock() { return *s.stock.stock_of(dom_casmurro); }
  std::size_t holds() { return s.stock.holds_taken_before(clock::now_ms() + 60'000, 100).size(); }
};

TEST_F(PlaceOrderTest, StoresThePricedOrderAndHoldsItsCopies) {
  const auto order = place(request());
  EXPECT_TRUE(ids::parse_order_id(order.id));
  EXPECT_EQ(order.customer_id, customer);
  EXPECT_EQ(order.total_cents, 2 * 3990 + 2500);
  EXPECT_EQ(order.status, OrderStatus::created);
  EXPECT_EQ(s.orders.find(order.id)->total_cents, order.total_cents);
  EXPECT_EQ(stock(), 3);
  // The order is stored and its copies are its own: the order settled its hold itself.
  EXPECT_EQ(holds(), 0u);
}

TEST_F(PlaceOrderTest, AHoldWhoseBookChangedSinceIsLeftForTheSweep) {
  const std::string other_order = ids::new_uuid_v7();
  // Another order takes a copy of the same book between this order's hold and its settle: the
  // receipt no longer describes the book, so the settle writes nothing.
  s.shelf.faults.before_next("settle_hold_as_held",
                             [&] { s.stock.hold_stock(dom_casmurro, other_order, 1); });
  const auto order = place(request());
  EXPECT_TRUE(s.orders.find(order.id));
  EXPECT_EQ(stock(), 2);
  EXPECT_EQ(holds(), 2u);  // this order's, for the sweep, and the other order's
}

TEST_F(PlaceOrderTest, ASettleThatFailsStillAnswersWithTheStoredOrder) {
  s.shelf.faults.fail("settle_hold_as_held", Fault::unavailable);
  const auto order = place(request());
  EXPECT_TRUE(s.orders.find(order.id));
  EXPECT_EQ(stock(), 3);
  EXPECT_EQ(holds(), 1u);  // settled by the sweep later
}

TEST_F(PlaceOrderTest, EveryMissingCustomerOrBookIsNamedInOne422) {
  const std::string unpriced = s.add_book("Rascunho", std::nullopt);
  const OrderRequest r{customer + 100,
                       {{dom_casmurro, 1}, {"65f0a1b2c3d4e5f6a7b8c9d0", 1}, {unpriced, 1}}};
  EXPECT_THAT(expect_error(ErrorKind::unprocessable, [&] { place(r); }).fields,
              ElementsAre("customer_id", "items[1].book_id", "items[2].book_id"));
  EXPECT_EQ(s.orders.count(), 0);
  EXPECT_EQ(stock(), 5);
}

TEST_F(PlaceOrderTest, OnlyTheFirstItemInAnotherCurrencyIsNamed) {
  const std::string dollars = s.add_book("Moby Dick", "10.00", std::nullopt, "USD");
  const std::string euros = s.add_book("Le Petit Prince", "12.00", std::nullopt, "EUR");
  const OrderRequest r{customer, {{iracema, 1}, {dollars, 1}, {euros, 1}}};
  EXPECT_THAT(expect_error(ErrorKind::unprocessable, [&] { place(r); }).fields,
              ElementsAre("items[1].book_id"));
}

TEST_F(PlaceOrderTest, ShortStockIs409AndGivesBackWhatWasTaken) {
  const std::string last_copy = s.add_book("Vidas Secas", "30.00", 1);
  const OrderRequest r{customer, {{dom_casmurro, 2}, {last_copy, 2}}};
  EXPECT_THAT(expect_error(ErrorKind::conflict, [&] { place(r); }).fields,
              ElementsAre("items[1].quantity"));
  EXPECT_EQ(stock(), 5);
  EXPECT_EQ(holds(), 0u);
  EXPECT_EQ(s.orders.count(), 0);
}

// Each book is read by the step that takes its copies: a book found unpriced or missing after
// others were taken gives those back before the 422, and every 422 comes before a 409.
TEST_F(PlaceOrderTest, A422FoundWhileTakingGivesBackWhatWasTaken) {
  const std::string unpriced = s.add_book("Rascunho", std::nullopt, 4);
  const std::string last_copy = s.add_book("Vidas Secas", "30.00", 1);
  const OrderRequest r{
      customer,
      {{dom_casmurro, 2}, {last_copy, 2}, {unpriced, 1}, {"65f0a1b2c3d4e5f6a7b8c9d0", 1}}};
  EXPECT_THAT(expect_error(ErrorKind::unprocessable, [&] { place(r); }).fields,
              ElementsAre("items[2].book_id", "items[3].book_id"));
  EXPECT_EQ(stock(), 5);
  EXPECT_EQ(*s.stock.stock_of(unpriced), 4);
  EXPECT_EQ(holds(), 0u);
  EXPECT_EQ(s.orders.count(), 0);
}

TEST_F(PlaceOrderTest, AnOrderReadsEachBookOnlyThroughTheStepThatTakesItsCopies) {
  s.shelf.faults.fail("find", Fault::unavailable);  // a read of its own would fail the order
  EXPECT_EQ(place(request()).total_cents, 2 * 3990 + 2500);
}

TEST_F(PlaceOrderTest, TheCustomerChecksComeBeforeTheStock) {
  const OrderRequest r{customer + 100, {{dom_casmurro, 50}}};
  EXPECT_THAT(expect_error(ErrorKind::unprocessable, [&] { place(r); }).fields,
              ElementsAre("customer_id"));
}

TEST_F(PlaceOrderTest, ABookRemovedWhilePlacingIs422) {
  s.shelf.faults.before_next("hold_stock", [&] { s.books.remove(dom_casmurro); });
  EXPECT_THAT(expect_error(ErrorKind::unprocessable, [&] { place(request()); }).fields,
              ElementsAre("items[0].book_id"));
  EXPECT_EQ(s.orders.count(), 0);
}

TEST_F(PlaceOrderTest, ACustomerDeletedWhilePlacingIs422AndTheStockGoesBack) {
  s.shelf.faults.before_next("hold_stock", [&] { s.orders.close_customer(customer); });
  EXPECT_THAT(expect_error(ErrorKind::unprocessable, [&] { place(request()); }).fields,
              ElementsAre("customer_id"));
  EXPECT_EQ(stock(), 5);
  EXPECT_EQ(holds(), 0u);
}

TEST_F(PlaceOrderTest, AKeyedOrderTakesItsPromisedIdAndStoresItsRecordWithIt) {
  const std::string promised = ids::new_uuid_v7();
  IdempotencyScope scope("POST /orders k1", "sha", promised);
  const auto order = place(request(), &scope);
  EXPECT_EQ(order.id, promised);
  EXPECT_TRUE(scope.recorded());
  const auto& record = s.orders.records.at("POST /orders k1");
  EXPECT_EQ(record.fingerprint, "sha");
  EXPECT_EQ(record.response.body, promised);  // the very answer the client gets
}

TEST_F(PlaceOrderTest, ARetryAfterACrashReusesTheHoldOfItsFirstAttempt) {
  const std::string promised = ids::new_uuid_v7();
  // The first attempt took the copies and died before storing the order.
  ASSERT_EQ(s.stock.hold_stock(dom_casmurro, promised, 2), StockReservation::reserved);
  IdempotencyScope scope("POST /orders k2", "sha", promised);
  const auto order = place(request(), &scope);
  EXPECT_EQ(order.id, promised);
  EXPECT_EQ(stock(), 3);  // taken once
}

TEST_F(PlaceOrderTest, ARetryOfAnOrderStoredBeforeAnswersWithTheStoredOrder) {
  const std::string promised = ids::new_uuid_v7();
  IdempotencyScope first("POST /orders k3", "sha", promised);
  const auto stored = place(request(), &first);
  IdempotencyScope retry("POST /orders k3", "sha", promised);
  s.shelf.clock.fixed = stored.created_at + 5'000;
  s.orders.clock.fixed = stored.created_at + 5'000;
  const auto again = place(request(), &retry);
  EXPECT_EQ(again.id, stored.id);
  EXPECT_EQ(again.created_at, stored.created_at);
  EXPECT_TRUE(retry.recorded());
  EXPECT_EQ(s.orders.count(), 1);
  EXPECT_EQ(stock(), 3);
}

TEST_F(PlaceOrderTest, AVoidedPromisedIdIsPlacedAfreshUnderANewId) {
  const std::string promised = ids::new_uuid_v7();
  ASSERT_FALSE(s.orders.placed_or_void(promised));  // the sweep gave up on it
  IdempotencyScope scope("POST /orders k4", "sha", promised);
  const auto order = place(request(), &scope);
  EXPECT_NE(order.id, promised);
  EXPECT_TRUE(s.orders.find(order.id));
  EXPECT_EQ(stock(), 3);
  EXPECT_EQ(holds(), 0u);  // the new id's, settled; the voided id took nothing
}

TEST_F(PlaceOrderTest, AnOrderStoreThatIsDownLeavesNothingTaken) {
  s.orders.faults.fail("insert", Fault::unavailable);
  expect_error(ErrorKind::unavailable, [&] { place(request()); });
  EXPECT_EQ(stock(), 5);
  EXPECT_EQ(holds(), 0u);
}

TEST_F(PlaceOrderTest, ALostAnswerOfAStoredOrderStillAnswers201) {
  s.orders.faults.fail("insert", Fault::timed_out_after_write);
  const auto order = place(request());
  EXPECT_TRUE(s.orders.find(order.id));
  EXPECT_EQ(stock(), 3);
}

TEST_F(PlaceOrderTest, ALostAnswerOfAnOrderNotStoredVoidsItAndGivesTheStockBack) {
  s.orders.faults.fail("insert", Fault::timed_out);
  EXPECT_THROW(place(request()), OrderOutcomeUnknown);
  EXPECT_EQ(s.orders.count(), 0);
  EXPECT_EQ(s.orders.voided.size(), 1u);
  EXPECT_EQ(stock(), 5);
  EXPECT_EQ(holds(), 0u);
}

TEST_F(PlaceOrderTest, WhenRedisCannotSayTheHoldsStayForTheSweep) {
  s.orders.faults.fail("insert", Fault::timed_out);
  s.orders.faults.fail("placed_or_void", Fault::unavailable);
  expect_error(ErrorKind::unavailable, [&] { place(request()); });
  EXPECT_EQ(stock(), 3);
  EXPECT_EQ(holds(), 1u);
}

TEST_F(PlaceOrderTest, ABookStoreThatIsDownIs503BeforeAnythingIsTaken) {
  s.shelf.faults.fail("hold_stock", Fault::unavailable);
  expect_error(ErrorKind::unavailable, [&] { place(request()); });
  EXPECT_EQ(stock(), 5);
  EXPECT_EQ(s.orders.count(), 0);
}

TEST_F(PlaceOrderTest, AHoldThatTimesOutAfterTakingIsLeftForTheSweep) {
  s.shelf.faults.fail("hold_stock", Fault::timed_out_after_write);
  expect_error(ErrorKind::unavailable, [&] { place(request()); });
  // The copies are recorded as held for the order, which was never stored: the sweep releases
  // them once they are old enough (see stock_hold_sweep_test.cpp).
  EXPECT_EQ(stock(), 3);
  EXPECT_EQ(holds(), 1u);
  EXPECT_EQ(s.orders.count(), 0);
}

// The sweep leaves a hold alone while its placement is claimed: the claim must be taken before
// the first copy and let go only once the holds are kept or given back.
TEST_F(PlaceOrderTest, TheIdIsClaimedBeforeTheFirstHoldAndLetGoOnceTheAttemptIsOver) {
  std::size_t claimed_at_hold = 0;
  s.shelf.faults.before_next("hold_stock", [&] { claimed_at_hold = s.orders.claims.size(); });
  std::size_t holds_at_end = 0;
  s.orders.faults.before_next("end_placing", [&] { holds_at_end = holds(); });
  const auto order = place(request());
  EXPECT_EQ(claimed_at_hold, 1u);
  EXPECT_EQ(holds_at_end, 0u);  // settled by the order before it let go
  EXPECT_TRUE(s.orders.claims.empty());
  EXPECT_EQ(s.orders.faults.calls("begin_placing"), 1);
}

TEST_F(PlaceOrderTest, AFailedAttemptGivesItsCopiesBackBeforeLettingGoOfItsClaim) {
  s.orders.faults.fail("insert", Fault::unavailable);
  std::int64_t stock_at_end = 0;
  s.orders.faults.before_next("end_placing", [&] { stock_at_end = stock(); });
  expect_error(ErrorKind::unavailable, [&] { place(request()); });
  EXPECT_EQ(stock_at_end, 5);
  EXPECT_TRUE(s.orders.claims.empty());
}

TEST_F(PlaceOrderTest, AnOrderStoreThatCannotTakeTheClaimIs503BeforeAnythingIsTaken) {
  s.orders.faults.fail("begin_placing", Fault::unavailable);
  expect_error(ErrorKind::unavailable, [&] { place(request()); });
  EXPECT_EQ(stock(), 5);
  EXPECT_EQ(holds(), 0u);
  EXPECT_EQ(s.orders.faults.calls("end_placing"), 0);
}

// The claim's end was lost: the order is placed all the same, and the claim lapses with its
// lease (played here by the test, as the store would).
TEST_F(PlaceOrderTest, AClaimThatCannotBeLetGoStillAnswersWithTheOrder) {
  s.orders.faults.fail("end_placing", Fault::unavailable);
  const auto order = place(request());
  EXPECT_TRUE(s.orders.find(order.id));
  EXPECT_EQ(stock(), 3);
}

TEST_F(PlaceOrderTest, AVoidedPromisedIdAndItsFreshIdAreEachClaimedWhileTried) {
  const std::string promised = ids::new_uuid_v7();
  ASSERT_FALSE(s.orders.placed_or_void(promised));
  IdempotencyScope scope("POST /orders k5", "sha", promised);
  const auto order = place(request(), &scope);
  EXPECT_NE(order.id, promised);
  EXPECT_EQ(s.orders.faults.calls("begin_placing"), 2);
  EXPECT_TRUE(s.orders.claims.empty());
}

}  // namespace
}  // namespace ld
