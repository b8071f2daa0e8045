// The Redis connection pool under failure: a Redis that is down, hung, restarted or stopped, and
// a pool with no free connection. Each must give StoreUnavailable("redis") in bounded time, and
// the next call after Redis is back must work without restarting anything.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <optional>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/store_busy.hpp"
#include "redis_fixture.hpp"
#include "storage/redis/redis_pool.hpp"
#include "support/s2_process.hpp"

namespace ld::test {
namespace {

using namespace std::chrono_literals;

// Holds one of the pool's connections in a thread of its own until destroyed.
class ConnectionHeld {
 public:
  explicit ConnectionHeld(redis::RedisPool& pool)
      : holder_([this, &pool] {
          pool.run("test.hold", [this](redis::RedisConnection&) {
            holding_ = true;
            while (!release_) std::this_thread::sleep_for(1ms);
          });
        }) {
    while (!holding_) std::this_thread::sleep_for(1ms);
  }
  ~ConnectionHeld() {
    release_ = true;
    holder_.join();
  }
  ConnectionHeld(const ConnectionHeld&) = delete;
  ConnectionHeld& operator=(const ConnectionHeld&) = delete;

 private:
  std::atomic<bool> holding_{false};
  std::atomic<bool> release_{false};
  std::thread holder_;
};

template <class Fn>
std::string unavailable_store(Fn&& fn) {
  try {
    fn();
  } catch (const StoreUnavailable& e) {
    return e.store();
  }
  return "no StoreUnavailable";
}

class PoolTest : public RedisTest {};

TEST_F(PoolTest, AStoreWithRedisDownIsBuiltAndAnswersUnavailable) {
  auto settings = redis_settings();
  settings.url = fmt::format("redis://127.0.0.1:{}/1", free_port());
  RedisStore store(settings, metrics_);  // must not throw
  EXPECT_EQ(unavailable_store([&] { store.orders().count(); }), "redis");
  EXPECT_EQ(unavailable_store([&] {
              store.idempotency().begin("k", "f", "0190c3e2-0000-7000-8000-000000000001");
            }),
            "redis");
  const auto status = store.probe();
  EXPECT_FALSE(status.up);
  EXPECT_FALSE(status.error.empty());
  EXPECT_EQ(store.pool_in_use(), 0);  // failed connects give their slot back
  EXPECT_NE(metrics_.render().find(R"(store_errors_total{store="redis"})"), std::string::npos);
}

TEST_F(PoolTest, AMalformedUrlIsAConfigurationError) {
  auto settings = redis_settings();
  settings.url = "127.0.0.1:6379";
  EXPECT_THROW(RedisStore(settings, metrics_), std::invalid_argument);
}

TEST_F(PoolTest, ProbeReportsLatencyAndAppendOnlyPersistence) {
  RedisStore store(redis_settings(), metrics_);
  const auto status = store.probe();
  EXPECT_TRUE(status.up) << status.error;
  EXPECT_GT(status.latency_ms, 0.0);
  EXPECT_LT(status.latency_ms, 1000.0);
  ASSERT_TRUE(status.aof.has_value());
  EXPECT_TRUE(*status.aof);  // scripts/stores.sh runs Redis with appendonly yes
}

TEST_F(PoolTest, AHungRedisGivesUnavailableWithinTheTimeout) {
  SilentServer hung;
  auto settings = redis_settings();
  settings.url = fmt::format("redis://127.0.0.1:{}/1", hung.port());
  settings.timeout = 300ms;
  RedisStore store(settings, metrics_);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(unavailable_store([&] { store.orders().find("0190c3e2-0000-7000-8000-000000000001"); }),
            "redis");
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_GE(elapsed, 250ms);
  EXPECT_LT(elapsed, 1500ms);
}

TEST_F(PoolTest, AFullPoolRefusesAtOnceInsteadOfQueueing) {
  // A long timeout: a refusal that waited for a connection would take all of it.
  redis::RedisPool pool(redis::parse_url(redis_url()), 1, 5000ms, metrics_);
  std::optional<ConnectionHeld> held(pool);
  EXPECT_EQ(pool.in_use(), 1);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_THROW(pool.run("test.refused", [](redis::RedisConnection&) {}), StoreBusy);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2500ms);
  EXPECT_EQ(unavailable_store([&] { pool.run("test.refused", [](redis::RedisConnection&) {}); }),
            "redis");
  held.reset();
  EXPECT_EQ(pool.in_use(), 0);
  EXPECT_NO_THROW(pool.run("test.after", [](redis::RedisConnection& c) { c.command({"PING"}); }));
  EXPECT_NE(metrics_.render().find(R"(store_errors_total{store="redis"})"), std::string::npos);
}

TEST_F(PoolTest, UpkeepRunsWhileRequestsFillThePoolAndAfterARestart) {
  redis::RedisPool pool(redis::parse_url(redis_url()), 1, 2000ms, metrics_);
  std::optional<ConnectionHeld> held(pool);
  EXPECT_THROW(pool.run("test.refused", [](redis::RedisConnection&) {}), StoreBusy);
  const auto pong = [](redis::RedisConnection& c) {
    return redis::reply_text(c.command({"PING"}).get());
  };
  EXPECT_EQ(pool.run_upkeep("test.upkeep", pong), "PONG");
  EXPECT_EQ(pool.in_use(), 1);  // the upkeep connection is not one of the request connections
  held.reset();
  // The server drops every other client: the next upkeep call makes its connection again.
  pool.run("test.kill", [](redis::RedisConnection& c) {
    c.command({"CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes"});
  });
  EXPECT_EQ(pool.run_upkeep("test.upkeep", pong), "PONG");
}

TEST_F(PoolTest, ConnectionsAreReused) {
  redis::RedisPool pool(redis::parse_url(redis_url()), 8, 2000ms, metrics_);
  std::set<long long> client_ids;
  for (int i = 0; i < 50; ++i) {
    pool.run("test.client_id", [&](redis::RedisConnection& c) {
      client_ids.insert(c.command({"CLIENT", "ID"})->integer);
    });
  }
  EXPECT_EQ(client_ids.size(), 1u);  // one connection served 50 sequential calls
  EXPECT_EQ(pool.in_use(), 0);
  EXPECT_EQ(pool.size(), 8);
}

TEST_F(PoolTest, ARedisRestartIsInvisibleToTheNextCall) {
  RedisStore store(redis_settings(), metrics_);
  const auto order = order_for(17, 5000);
  store.orders().insert(order, nullptr);
  stores("restart redis");
  // The pooled connection died with the old server; it is noticed and replaced, not reported.
  const auto found = store.orders().find(order.id);
  ASSERT_TRUE(found);  // and the order survived the restart (append-only file)
  EXPECT_EQ(found->total_cents, order.total_cents);
}

TEST_F(PoolTest, RedisStoppedGivesUnavailableAndStartedWorksAgain) {
  RedisStore store(redis_settings(), metrics_);
  store.orders().count();  // a pooled connection exists
  stores("stop redis");
  EXPECT_EQ(unavailable_store([&] { store.orders().insert(order_for(17, 5000), nullptr); }),
            "redis");
  EXPECT_EQ(unavailable_store([&] { store.orders().count(); }), "redis");
  EXPECT_FALSE(store.probe().up);
  stores("start redis");
  EXPECT_NO_THROW(store.orders().insert(order_for(17, 6000), nullptr));
  EXPECT_TRUE(store.probe().up);
  EXPECT_EQ(store.pool_in_use(), 0);
}

}  // namespace
}  // namespace ld::test
