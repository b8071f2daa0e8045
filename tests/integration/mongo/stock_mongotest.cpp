// Stock reservation for orders: an atomic conditional decrement that never goes below zero.
#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "domain/books/book_input.hpp"
#include "integration/mongo/mongo_test_support.hpp"

namespace ld::test {

namespace {

BookRepository& repo() {
  return test_store().books();
}

std::string book_with_stock(std::optional<std::int64_t> stock) {
  nlohmann::json body = {{"title", "Estoque"}};
  if (stock) body["stock"] = *stock;
  return repo().create(books::read_new_book(body)).id;
}

std::optional<std::int64_t> stock_of(const std::string& id) {
  return repo().find(id)->stock();
}

}  // namespace

TEST(Stock, AReservationTakesTheQuantity) {
  const auto id = book_with_stock(5);
  EXPECT_EQ(repo().reserve_stock(id, 2), StockReservation::reserved);
  EXPECT_EQ(stock_of(id), 3);
}

TEST(Stock, TheLastUnitsCanBeReserved) {
  const auto id = book_with_stock(2);
  EXPECT_EQ(repo().reserve_stock(id, 2), StockReservation::reserved);
  EXPECT_EQ(stock_of(id), 0);
}

TEST(Stock, NotEnoughStockTakesNothing) {
  const auto id = book_with_stock(1);
  EXPECT_EQ(repo().reserve_stock(id, 2), StockReservation::insufficient);
  EXPECT_EQ(stock_of(id), 1);
}

TEST(Stock, ABookWithoutStockIsUnlimited) {
  const auto id = book_with_stock(std::nullopt);
  EXPECT_EQ(repo().reserve_stock(id, 100), StockReservation::unlimited);
  EXPECT_FALSE(stock_of(id));
}

TEST(Stock, AMissingBookIsReportedMissing) {
  EXPECT_EQ(repo().reserve_stock("65f0a1b2c3d4e5f6a7b8c9d0", 1), StockReservation::missing);
}

TEST(Stock, ReleaseGivesTheQuantityBack) {
  const auto id = book_with_stock(4);
  ASSERT_EQ(repo().reserve_stock(id, 3), StockReservation::reserved);
  repo().release_stock(id, 3);
  EXPECT_EQ(stock_of(id), 4);
}

TEST(Stock, ReleaseOnAnUnlimitedBookStartsNoCount) {
  const auto id = book_with_stock(std::nullopt);
  repo().release_stock(id, 3);
  EXPECT_FALSE(stock_of(id));
}

TEST(Stock, ReleaseOnAMissingBookIsHarmless) {
  EXPECT_NO_THROW(repo().release_stock("65f0a1b2c3d4e5f6a7b8c9d0", 1));
}

TEST(Stock, ConcurrentReservationsNeverTakeStockBelowZero) {
  constexpr int kStock = 50;
  const auto id = book_with_stock(kStock);
  std::atomic<int> reserved{0};
  std::atomic<int> refused{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 12; ++i) {
        switch (repo().reserve_stock(id, 1)) {
          case StockReservation::reserved:
            ++reserved;
            break;
          case StockReservation::insufficient:
            ++refused;
            break;
          default:
            ADD_FAILURE() << "unexpected reservation outcome";
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(reserved.load(), kStock);
  EXPECT_EQ(refused.load(), 8 * 12 - kStock);
  EXPECT_EQ(stock_of(id), 0);
}

TEST(Stock, ConcurrentReservationsAndReleasesAddUp) {
  constexpr int kStock = 100;
  const auto id = book_with_stock(kStock);
  std::atomic<std::int64_t> taken{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      const std::int64_t quantity = 1 + t % 3;
      for (int i = 0; i < 15; ++i) {
        try {
          if (repo().reserve_stock(id, quantity) != StockReservation::reserved) continue;
          taken += quantity;
          if (i % 3 == 0) {  // an order that failed later gives its stock back
            repo().release_stock(id, quantity);
            taken -= quantity;
          }
        } catch (const std::exception& e) {
          ADD_FAILURE() << e.what();
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  const auto left = stock_of(id);
  ASSERT_TRUE(left);
  EXPECT_GE(*left, 0);
  EXPECT_EQ(*left + taken.load(), kStock);
}

}  // namespace ld::test
