// MongoDB down or restarted: calls fail fast as StoreUnavailable("mongodb"), the health probe
// says why, and the same store object works again once the server is back, with no restart.
#include <chrono>
#include <cstdlib>
#include <thread>

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "domain/books/book_input.hpp"
#include "integration/storage/mongo/mongo_test_support.hpp"
#include "support/s2_process.hpp"
#include "support/test_env.hpp"

namespace ld::test {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

int stores(const char* action) {
  const std::string command =
      "\"" + source_path("scripts/stores.sh") + "\" " + action + " mongodb >/dev/null 2>&1";
  return std::system(command.c_str());
}

// Starts MongoDB again even when an assertion fails half-way, so later tests find it up.
struct StartAgain {
  ~StartAgain() { stores("start"); }
};

}  // namespace

TEST(StoreRecovery, AStoreOnADeadPortIsCreatedAndFailsFastWithStoreUnavailable) {
  MongoSettings settings = test_mongo_settings();
  settings.url = "mongodb://127.0.0.1:" + std::to_string(free_port()) + "/";
  settings.timeout = std::chrono::milliseconds(500);
  Metrics metrics;
  MongoStore store(settings, metrics);  // must not throw: S2 starts while MongoDB is down
  const auto start = Clock::now();
  try {
    store.books().find("65f0a1b2c3d4e5f6a7b8c9d0");
    FAIL() << "expected StoreUnavailable";
  } catch (const StoreUnavailable& e) {
    EXPECT_EQ(e.store(), "mongodb");
    EXPECT_FALSE(e.internal().empty());
  }
  EXPECT_LT(seconds_since(start), 3.0);
  const StoreStatus status = store.probe();
  EXPECT_FALSE(status.up);
  EXPECT_FALSE(status.error.empty());
  EXPECT_NE(metrics.render().find("store_errors_total{store=\"mongodb\"}"), std::string::npos);
}

TEST(StoreRecovery, AMalformedUrlIsAConfigurationError) {
  MongoSettings settings = test_mongo_settings();
  settings.url = "not a url";
  Metrics metrics;
  EXPECT_THROW(MongoStore(settings, metrics), std::invalid_argument);
}

TEST(StoreRecovery, TheProbeReportsUpWithItsLatency) {
  const StoreStatus status = test_store().probe();
  EXPECT_TRUE(status.up) << status.error;
  EXPECT_GT(status.latency_ms, 0.0);
  EXPECT_TRUE(status.error.empty());
}

TEST(StoreRecovery, TheSameStoreWorksAgainAfterMongoDbIsStoppedAndStarted) {
  test_store();  // the collections are reset before MongoDB goes away
  MongoSettings settings = test_mongo_settings();
  settings.timeout = std::chrono::milliseconds(1500);
  Metrics metrics;
  MongoStore store(settings, metrics);
  const Book before = store.books().create(books::read_new_book({{"title", "Antes da queda"}}));
  {
    StartAgain start_again;
    ASSERT_EQ(stores("stop"), 0);
    const auto start = Clock::now();
    EXPECT_THROW(store.books().find(before.id), StoreUnavailable);
    EXPECT_LT(seconds_since(start), 4.0);  // about one timeout (1.5 s), never a hang
    EXPECT_FALSE(store.probe().up);
    ASSERT_EQ(stores("start"), 0);
  }
  // Back without recreating anything: the driver reconnects by itself.
  const auto back = Clock::now();
  std::optional<Book> found;
  while (!found && seconds_since(back) < 30) {
    try {
      found = store.books().find(before.id);
    } catch (const StoreUnavailable&) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  ASSERT_TRUE(found) << "MongoDB did not come back within 30 s";
  RecordProperty("recovery_seconds", std::to_string(seconds_since(back)));
  EXPECT_EQ(found->title(), "Antes da queda");
  EXPECT_TRUE(store.probe().up);
  EXPECT_NO_THROW(store.books().create(books::read_new_book({{"title", "Depois da volta"}})));
}

TEST(StoreRecovery, ARestartOfMongoDbNeedsNoRestartOfTheStore) {
  MongoStore& store = test_store();
  ASSERT_EQ(stores("restart"), 0);
  const auto back = Clock::now();
  bool worked = false;
  int failures = 0;
  while (!worked && seconds_since(back) < 30) {
    try {
      store.books().create(books::read_new_book({{"title", "Depois do reinício"}}));
      worked = true;
    } catch (const StoreUnavailable&) {
      ++failures;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  EXPECT_TRUE(worked);
  RecordProperty("failed_calls_after_restart", std::to_string(failures));
}

}  // namespace ld::test
