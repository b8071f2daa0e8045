// The connection pool against a real server that goes away, restarts, hangs and runs out of
// connections.
#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>
#include <thread>

#include "core/error.hpp"
#include "core/store_busy.hpp"
#include "pg_test_support.hpp"
#include "storage/postgres/connection_options.hpp"
#include "storage/postgres/postgres_pool.hpp"
#include "support/test_env.hpp"

namespace ld {
namespace {

using namespace std::chrono_literals;
using postgres::PostgresPool;

PostgresPool make_pool(Metrics& metrics, int size, std::chrono::milliseconds timeout) {
  return PostgresPool({postgres::with_connect_timeout(test::pg_url(), timeout), size, timeout},
                      {{"probe", "SELECT 1"}}, metrics);
}

int select_one(PostgresPool& pool) {
  return pool.run([](pqxx::connection& c) {
    pqxx::nontransaction tx(c);
    return tx.exec_prepared("probe")[0][0].as<int>();
  });
}

// Stands for a server that stops answering: without statement_timeout nothing on the server side
// would end this wait, only the pool's watchdog.
void hang(pqxx::connection& c) {
  pqxx::nontransaction tx(c);
  tx.exec("SET statement_timeout = 0");
  tx.exec("SELECT pg_sleep(10)");
}

class PoolPg : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Metrics m;
    PostgresStore(test::pg_settings(), m).migrate();
    test::reset_customer_tables();
  }
  Metrics metrics_;
};

TEST_F(PoolPg, ConstructingWhileTheServerIsDownDoesNotThrow) {
  PostgresSettings s = test::pg_settings();
  s.url = "postgresql://livros@127.0.0.1:1/livros_test";
  std::optional<PostgresStore> store;
  EXPECT_NO_THROW(store.emplace(s, metrics_));
  EXPECT_THROW(store->customers().find(1), StoreUnavailable);
  const StoreStatus status = store->probe();
  EXPECT_FALSE(status.up);
  EXPECT_FALSE(status.error.empty());
  EXPECT_EQ(store->pool_in_use(), 0);
}

TEST_F(PoolPg, ProbeReportsUpWithLatency) {
  PostgresStore store(test::pg_settings(), metrics_);
  const StoreStatus status = store.probe();
  EXPECT_TRUE(status.up) << status.error;
  EXPECT_GT(status.latency_ms, 0.0);
  EXPECT_TRUE(status.error.empty());
  EXPECT_EQ(store.pool_size(), 4);
}

TEST_F(PoolPg, ConnectionsAreReusedAndCounted) {
  PostgresPool pool = make_pool(metrics_, 2, 2000ms);
  {
    auto lease = pool.acquire();
    EXPECT_FALSE(lease.reused());
    EXPECT_EQ(pool.in_use(), 1);
  }
  EXPECT_EQ(pool.in_use(), 0);
  auto again = pool.acquire();
  EXPECT_TRUE(again.reused());
}

TEST_F(PoolPg, AnExhaustedPoolRefusesAtOnceInsteadOfQueueing) {
  // A long timeout: a refusal that waited for a connection would take all of it.
  PostgresPool pool = make_pool(metrics_, 1, 5000ms);
  auto held = pool.acquire();
  const auto start = std::chrono::steady_clock::now();
  EXPECT_THROW(pool.acquire(), StoreBusy);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2500ms);
  try {
    select_one(pool);
    ADD_FAILURE() << "a full pool served a call";
  } catch (const StoreUnavailable& e) {
    EXPECT_EQ(e.store(), "postgres");  // a 503 naming the store, with Retry-After
  }
  EXPECT_EQ(pool.in_use(), 1);
}

TEST_F(PoolPg, AReturnedConnectionServesTheNextCaller) {
  PostgresPool pool = make_pool(metrics_, 1, 2000ms);
  std::optional<PostgresPool::Lease> held(pool.acquire());
  EXPECT_THROW(pool.acquire(), StoreBusy);
  held.reset();
  EXPECT_EQ(select_one(pool), 1);
  EXPECT_EQ(pool.in_use(), 0);
}

TEST_F(PoolPg, AStatementOverTheTimeoutIsCancelledByTheServer) {
  PostgresPool pool = make_pool(metrics_, 1, 300ms);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_THROW(pool.run([](pqxx::connection& c) {
    pqxx::nontransaction tx(c);
    tx.exec("SELECT pg_sleep(5)");
  }),
               StoreUnavailable);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1500ms);
  EXPECT_EQ(select_one(pool), 1);
}

TEST_F(PoolPg, TheStatementTimeoutIsItsOwnSettingAndIsReportedAsATimeout) {
  // The pool's timeout leaves the watchdog seconds away: only the server's statement_timeout
  // can end this statement early.
  PostgresPool pool({postgres::with_connect_timeout(test::pg_url(), 5000ms), 1, 5000ms, 300ms},
                    {{"probe", "SELECT 1"}}, metrics_);
  EXPECT_EQ(pool.statement_timeout(), 300ms);
  const auto start = std::chrono::steady_clock::now();
  try {
    pool.run([](pqxx::connection& c) {
      pqxx::nontransaction tx(c);
      tx.exec("SELECT pg_sleep(4)");
    });
    ADD_FAILURE() << "a statement over statement_timeout ran to its end";
  } catch (const StoreUnavailable& e) {
    EXPECT_EQ(e.store(), "postgres");
    EXPECT_NE(e.internal().find("statement timeout"), std::string::npos) << e.internal();
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3000ms);
  // The cancelled statement ended on the server; the session is kept and serves the next call.
  EXPECT_EQ(pool.in_use(), 0);
  EXPECT_EQ(select_one(pool), 1);
  EXPECT_EQ(pool.run([](pqxx::connection& c) {
    pqxx::nontransaction tx(c);
    return tx.exec("SHOW statement_timeout")[0][0].as<std::string>();
  }),
            "300ms");
}

TEST_F(PoolPg, TheStatementTimeoutDefaultsToThePoolTimeout) {
  PostgresPool pool = make_pool(metrics_, 1, 1500ms);
  EXPECT_EQ(pool.statement_timeout(), 1500ms);
  EXPECT_EQ(pool.run([](pqxx::connection& c) {
    pqxx::nontransaction tx(c);
    return tx.exec("SHOW statement_timeout")[0][0].as<std::string>();
  }),
            "1500ms");
}

TEST_F(PoolPg, TheWatchdogCutsAConnectionThatHangsPastItsDeadline) {
  PostgresPool pool = make_pool(metrics_, 1, 300ms);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_THROW(pool.run(hang), StoreUnavailable);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  EXPECT_EQ(pool.in_use(), 0);
  EXPECT_EQ(select_one(pool), 1);  // a fresh connection replaces the cut one
}

TEST_F(PoolPg, TheWatchdogCutsAHangingLeaseThatStartedWhileItSleptTowardsAnother) {
  // The watchdog is only woken for a lease whose deadline comes before its own wake-up; a lease
  // that starts while it sleeps towards an earlier one is found when it wakes and looks again.
  PostgresPool pool = make_pool(metrics_, 2, 300ms);
  std::thread quick([&] {
    pool.run([](pqxx::connection& c) {
      pqxx::nontransaction tx(c);
      tx.exec("SELECT pg_sleep(0.1)");
    });
  });
  std::this_thread::sleep_for(20ms);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_THROW(pool.run(hang), StoreUnavailable);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  quick.join();
  EXPECT_EQ(pool.in_use(), 0);
}

TEST_F(PoolPg, AnSqlErrorIsInternalAndKeepsTheConnection) {
  PostgresPool pool = make_pool(metrics_, 1, 2000ms);
  try {
    pool.run([](pqxx::connection& c) {
      pqxx::nontransaction tx(c);
      tx.exec("SELECT * FROM no_such_table");
    });
    ADD_FAILURE();
  } catch (const StoreUnavailable&) {
    ADD_FAILURE() << "a bad query is not an unavailable store";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::internal);
    EXPECT_EQ(e.detail().find("no_such_table"), std::string::npos) << "no SQL in client text";
  }
  EXPECT_TRUE(pool.acquire().reused());
}

TEST_F(PoolPg, RecoversByItselfAfterTheServerRestarts) {
  PostgresStore store(test::pg_settings(), metrics_);
  const Customer c = store.customers().create(test::sample_customer(1));
  // Fill the pool with idle connections that the restart will kill.
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) threads.emplace_back([&] { store.customers().exists(c.id); });
  for (auto& t : threads) t.join();

  const std::string restart = test::source_path("scripts/stores.sh") + " restart postgres";
  ASSERT_EQ(std::system((restart + " >/dev/null").c_str()), 0);

  // Every call after the restart works: dead idle connections are dropped, not handed out.
  for (int i = 0; i < 8; ++i) {
    EXPECT_TRUE(store.customers().exists(c.id)) << i;
  }
  EXPECT_TRUE(store.probe().up);
}

TEST_F(PoolPg, AnIdleConnectionKilledByTheServerIsReplacedUnnoticed) {
  PostgresPool pool = make_pool(metrics_, 1, 2000ms);
  int pid = 0;
  {
    auto lease = pool.acquire();
    pid = lease.connection().backendpid();
  }
  test::pg_value("SELECT pg_terminate_backend(" + std::to_string(pid) + ")");
  std::this_thread::sleep_for(100ms);  // the backend's goodbye reaches the socket
  EXPECT_EQ(select_one(pool), 1);
  auto lease = pool.acquire();
  EXPECT_NE(lease.connection().backendpid(), pid);
}

}  // namespace
}  // namespace ld
