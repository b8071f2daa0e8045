// What a round sends is decided by the seed alone: same seed, same bytes; orders only over valid
// customers and priced books, never beyond a book's stock.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "s1/runner/round_plan.hpp"

namespace {

using ld::s1::Draft;
using nlohmann::json;

std::vector<Draft> some_books() {
  std::vector<Draft> books;
  for (int i = 0; i < 12; ++i) {
    json b = {{"title", "Livro " + std::to_string(i)},
              {"google_volume_id", "vol" + std::to_string(i)}};
    if (i % 4 != 0) b["price"] = {{"amount", "39.90"}, {"currency", "BRL"}};  // some unpriced
    if (i % 3 == 0) b["stock"] = i % 2;  // some with little or no stock, others unlimited
    books.push_back({b, i == 5});        // one broken on purpose
  }
  return books;
}

std::vector<Draft> some_customers() {
  std::vector<Draft> customers;
  for (int i = 0; i < 6; ++i)
    customers.push_back({{{"email", std::to_string(i) + "@x.br"}}, i == 2});
  return customers;
}

TEST(RoundPlan, TheSameSeedGivesTheSameCustomersByteForByte) {
  const auto a = ld::s1::plan_customers(99, 40, 0.2, LD_DATA_DIR);
  const auto b = ld::s1::plan_customers(99, 40, 0.2, LD_DATA_DIR);
  ASSERT_EQ(a.size(), 40u);
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].body.dump(), b[i].body.dump());
    EXPECT_EQ(a[i].invalid, b[i].invalid);
  }
  const auto c = ld::s1::plan_customers(100, 40, 0.2, LD_DATA_DIR);
  EXPECT_NE(a[0].body.dump(), c[0].body.dump());
}

TEST(RoundPlan, InvalidRateBreaksAboutThatShare) {
  const auto drafts = ld::s1::plan_customers(5, 400, 0.25, LD_DATA_DIR);
  std::size_t invalid = 0;
  for (const auto& d : drafts) invalid += d.invalid;
  EXPECT_GT(invalid, 60u);
  EXPECT_LT(invalid, 140u);
  for (const auto& d : ld::s1::plan_customers(5, 50, 0, LD_DATA_DIR)) EXPECT_FALSE(d.invalid);
}

TEST(RoundPlan, BrokenBooksAreTheSameForTheSameSeed) {
  std::vector<json> fetched;
  for (int i = 0; i < 50; ++i) {
    fetched.push_back({{"title", "T" + std::to_string(i)}, {"isbn_13", "9788535914849"}});
  }
  const auto a = ld::s1::plan_books(fetched, 11, 0.3);
  const auto b = ld::s1::plan_books(fetched, 11, 0.3);
  std::size_t broken = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].body.dump(), b[i].body.dump());
    if (a[i].invalid) {
      ++broken;
      EXPECT_NE(a[i].body, fetched[i]) << "a broken book differs from the fetched one";
    } else {
      EXPECT_EQ(a[i].body, fetched[i]);
    }
  }
  EXPECT_GT(broken, 0u);
}

TEST(RoundPlan, OrdersUseOnlyValidCustomersAndPricedValidBooks) {
  const auto customers = some_customers();
  const auto books = some_books();
  const auto orders = ld::s1::plan_orders(3, 200, 0, customers, books);
  ASSERT_FALSE(orders.empty());
  for (const auto& o : orders) {
    EXPECT_FALSE(customers[o.customer].invalid);
    ASSERT_GE(o.lines.size(), 1u);
    ASSERT_LE(o.lines.size(), 3u);
    std::set<std::size_t> distinct;
    for (const auto& line : o.lines) {
      EXPECT_FALSE(books[line.book].invalid);
      EXPECT_TRUE(books[line.book].body.contains("price"));
      EXPECT_GE(line.quantity, 1);
      EXPECT_LE(line.quantity, 3);
      distinct.insert(line.book);
    }
    EXPECT_EQ(distinct.size(), o.lines.size()) << "books in one order are distinct";
  }
}

TEST(RoundPlan, OrdersNeverAskForMoreThanAStockHolds) {
  const auto books = some_books();
  const auto orders = ld::s1::plan_orders(8, 500, 0, some_customers(), books);
  std::map<std::size_t, std::int64_t> taken;
  for (const auto& o : orders) {
    for (const auto& line : o.lines) taken[line.book] += line.quantity;
  }
  for (const auto& [book, quantity] : taken) {
    const auto& body = books[book].body;
    if (body.contains("stock")) {
      EXPECT_LE(quantity, body["stock"].get<std::int64_t>()) << book;
    }
  }
}

TEST(RoundPlan, OrdersAreTheSameForTheSameSeed) {
  const auto a = ld::s1::plan_orders(21, 100, 0.1, some_customers(), some_books());
  const auto b = ld::s1::plan_orders(21, 100, 0.1, some_customers(), some_books());
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].customer, b[i].customer);
    EXPECT_EQ(a[i].flaw, b[i].flaw);
    ASSERT_EQ(a[i].lines.size(), b[i].lines.size());
    for (std::size_t j = 0; j < a[i].lines.size(); ++j) {
      EXPECT_EQ(a[i].lines[j].book, b[i].lines[j].book);
      EXPECT_EQ(a[i].lines[j].quantity, b[i].lines[j].quantity);
    }
  }
}

TEST(RoundPlan, OrderBodyMapsIndexesToTheIdsS2Gave) {
  ld::s1::OrderDraft draft{1, {{0, 2}, {2, 1}}, -1};
  const std::vector<std::optional<std::int64_t>> customers{std::nullopt, 17};
  const std::vector<std::optional<std::string>> books{"aaaaaaaaaaaaaaaaaaaaaaaa", std::nullopt,
                                                      "bbbbbbbbbbbbbbbbbbbbbbbb"};
  const auto body = ld::s1::order_body(draft, customers, books);
  ASSERT_TRUE(body);
  EXPECT_EQ(*body, json::parse(R"({"customer_id":17,"items":[
      {"book_id":"aaaaaaaaaaaaaaaaaaaaaaaa","quantity":2},
      {"book_id":"bbbbbbbbbbbbbbbbbbbbbbbb","quantity":1}]})"));
}

TEST(RoundPlan, OrderBodyIsSkippedWhenARecordItNeedsWasNotCreated) {
  ld::s1::OrderDraft draft{0, {{0, 1}}, -1};
  EXPECT_FALSE(ld::s1::order_body(draft, {std::nullopt}, {"aaaaaaaaaaaaaaaaaaaaaaaa"}));
  draft.customer = 0;
  EXPECT_FALSE(ld::s1::order_body(draft, {5}, {std::nullopt}));
}

TEST(RoundPlan, EveryOrderFlawBreaksTheBody) {
  const std::vector<std::optional<std::int64_t>> customers{5};
  const std::vector<std::optional<std::string>> books{"aaaaaaaaaaaaaaaaaaaaaaaa"};
  ld::s1::OrderDraft valid{0, {{0, 1}}, -1};
  const auto good = *ld::s1::order_body(valid, customers, books);
  std::set<std::string> bodies;
  for (int flaw = 0; flaw < 6; ++flaw) {
    ld::s1::OrderDraft broken{0, {{0, 1}}, flaw};
    const auto body = *ld::s1::order_body(broken, customers, books);
    EXPECT_NE(body, good) << flaw;
    bodies.insert(body.dump());
  }
  EXPECT_EQ(bodies.size(), 6u);
}

}  // namespace

TEST(RoundPlan, OrdersAreFittedToTheStockS2ReportsForBooksItAlreadyHad) {
  using ld::s1::OrderDraft;
  std::vector<OrderDraft> orders = {
      {0, {{1, 3}, {2, 1}}, -1},  // book 1: 3 wanted, 2 on hand -> 2
      {1, {{1, 2}}, -1},          // book 1 has nothing left -> dropped
      {2, {{1, 5}}, 4},           // broken on purpose: kept as it is, takes nothing
      {3, {{3, 4}, {2, 2}}, -1},  // book 3 unlimited in S2; book 2 was created by the round
  };
  const auto fit = ld::s1::fit_orders_to_stock(orders, {{1, 2}, {3, std::nullopt}});
  EXPECT_EQ(fit.lines_trimmed, 2u);
  EXPECT_EQ(fit.orders_dropped, 1u);
  ASSERT_EQ(orders.size(), 3u);
  ASSERT_EQ(orders[0].lines.size(), 2u);
  EXPECT_EQ(orders[0].lines[0].quantity, 2);
  EXPECT_EQ(orders[0].lines[1].quantity, 1);
  EXPECT_EQ(orders[1].flaw, 4);
  EXPECT_EQ(orders[1].lines[0].quantity, 5);
  EXPECT_EQ(orders[2].lines[0].quantity, 4);
  EXPECT_EQ(orders[2].lines[1].quantity, 2);
}

TEST(RoundPlan, StockInS2IsWhatS2AcknowledgedNotWhatWasPlanned) {
  const json price = {{"amount", "12.00"}, {"currency", "BRL"}};
  const std::vector<json> records = {
      {{"id", "a"}, {"price", price}, {"stock", 7}},  // created as planned, or already there
      nullptr,                                        // refused or failed: nothing in S2
      {{"id", "c"}, {"price", price}},                // no stock field: unlimited
      {{"id", "d"}, {"stock", 40}},                   // already there without a price: unsellable
      {{"id", "e"}, {"price", price}, {"stock", 0}},  // already there, sold out by earlier rounds
  };
  const auto on_hand = ld::s1::stock_in_s2(records);
  const std::map<std::size_t, std::optional<std::int64_t>> expected = {
      {0, 7}, {2, std::nullopt}, {3, 0}, {4, 0}};
  EXPECT_EQ(on_hand, expected);
}

TEST(RoundPlan, OrdersPlannedForABookAlreadyThereTakeOnlyWhatS2Holds) {
  // Round six planned 5 copies of a book it believed it created with stock 10; the book is an
  // earlier round's, with 3 copies left and no longer priced the same.
  std::vector<ld::s1::OrderDraft> orders = {{0, {{0, 5}}, -1}, {1, {{0, 2}}, -1}};
  const json earlier = {
      {"id", "old"}, {"price", {{"amount", "80.00"}, {"currency", "BRL"}}}, {"stock", 3}};
  const auto fit = ld::s1::fit_orders_to_stock(orders, ld::s1::stock_in_s2({earlier}));
  EXPECT_EQ(fit.lines_trimmed, 2u);
  EXPECT_EQ(fit.orders_dropped, 1u);
  ASSERT_EQ(orders.size(), 1u);
  EXPECT_EQ(orders[0].lines[0].quantity, 3);
}
