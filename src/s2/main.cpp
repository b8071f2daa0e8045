// S2's composition root: reads the configuration, connects the three stores, prepares their
// schemas, wires handlers into the route table and serves until SIGTERM or SIGINT.
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <optional>
#include <thread>

#include "core/log.hpp"
#include "core/metrics.hpp"
#include "domain/books/indexed_book_repository.hpp"
#include "domain/shared/idempotency_leases.hpp"
#include "http/server.hpp"
#include "http/worker_pool.hpp"
#include "s2/app.hpp"
#include "s2/book_index_backfill.hpp"
#include "s2/config.hpp"
#include "s2/customer_fast_lane.hpp"
#include "s2/order_fast_lane.hpp"
#include "s2/routes.hpp"
#include "s2/stock_hold_sweeper.hpp"
#include "storage/mongo/mongo_store.hpp"
#include "storage/postgres/postgres_store.hpp"
#include "storage/redis/async_redis.hpp"
#include "storage/redis/redis_store.hpp"

namespace {

using namespace ld;

// Waits for the stores to accept the schema and indexes: in a fresh environment they may still be
// starting. Gives up after the start-up timeout with the last error.
bool prepare_stores(PostgresStore& postgres, MongoStore& mongo, RedisStore& redis,
                    std::chrono::seconds timeout, const sigset_t& stop_signals) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  bool migrated = false, indexed = false;
  for (int attempt = 1;; ++attempt) {
    try {
      if (!migrated) postgres.migrate();
      migrated = true;
      if (!indexed) mongo.ensure_indexes();
      indexed = true;
      const auto r = redis.probe();
      if (!r.up) throw StoreUnavailable("redis", r.error);
      if (r.aof && !*r.aof) {
        log::event(spdlog::level::warn, "redis runs without AOF: orders are not durable");
      }
      return true;
    } catch (const std::exception& e) {
      if (std::chrono::steady_clock::now() >= deadline) {
        log::event(spdlog::level::err, "stores not ready, giving up", {{"error", e.what()}});
        return false;
      }
      if (attempt == 1 || attempt % 10 == 0) {
        log::event(spdlog::level::warn, "waiting for stores", {{"error", e.what()}});
      }
      // Wait half a second between tries, but stop at once on SIGTERM/SIGINT.
      const timespec pause{0, 500'000'000};
      if (sigtimedwait(&stop_signals, nullptr, &pause) > 0) {
        log::event(spdlog::level::info, "stopped while waiting for stores");
        return false;
      }
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  // Signals are taken synchronously by the main thread below; every thread started from here on
  // inherits this mask, so no worker is interrupted by them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);  // a peer that hung up is an error value, not a reason to die

  const auto config = s2::load_config(argc, argv);
  log::setup(config.log_format, config.log_level);
  if (config.workers < config.pooled_connections()) {
    log::event(spdlog::level::warn,
               "fewer workers than pooled connections: a slow store's requests can hold the "
               "workers the other stores' requests need",
               {{"workers", config.workers}, {"pooled_connections", config.pooled_connections()}});
  }

  Metrics metrics;
  s2::describe_metrics(metrics);
  PostgresStore postgres(config.postgres, metrics);
  MongoStore mongo(config.mongo, metrics);
  RedisStore redis(config.redis, metrics);
  if (!prepare_stores(postgres, mongo, redis, config.startup_timeout, stop_signals)) return 1;

  // Books live in MongoDB; GET /books finds their ids in PostgreSQL's book index.
  IndexedBookRepository indexed_books(mongo.books(), postgres.book_index());
  s2::BookIndexBackfill book_index_backfill(mongo.books(), postgres.book_index());
  s2::CustomerHandlers customers(postgres.customers(), redis.orders());
  s2::BookHandlers books(indexed_books);
  s2::OrderHandlers orders({redis.orders(), postgres.customers(), mongo.books(), mongo.stock()});
  s2::OpsHandlers ops(
      {[&] { return postgres.probe(); }, [&] { return mongo.probe(); },
       [&] { return redis.probe(); }},
      postgres.customers(), mongo.books(), redis.orders(), metrics, [&](Metrics& m) {
        const auto pool = [&m](const char* store, double in_use, double size) {
          m.set_gauge("store_pool_connections", {{"store", store}, {"state", "in_use"}}, in_use);
          m.set_gauge("store_pool_connections", {{"store", store}, {"state", "idle"}},
                      size - in_use);
        };
        pool("postgres", static_cast<double>(postgres.pool_in_use()),
             static_cast<double>(postgres.pool_size()));
        pool("postgres_book_index", static_cast<double>(postgres.index_pool_in_use()),
             static_cast<double>(postgres.index_pool_size()));
        pool("redis", static_cast<double>(redis.pool_in_use()),
             static_cast<double>(redis.pool_size()));
        m.set_gauge("store_pool_connections", {{"store", "mongodb"}, {"state", "max"}},
                    static_cast<double>(mongo.pool_size()));
      });
  postgres::CustomerInspection customer_rows(config.postgres, metrics);
  mongo::BookInspection book_documents(config.mongo, metrics);
  redis::OrderInspection order_keys(config.redis, metrics);
  s2::AdminHandlers admin(config.api_token, customer_rows, book_documents, order_keys);
  s2::ConsoleHandlers console;
  const auto router = s2::route_table({customers, books, orders, ops, admin, console});
  // Every second (or a quarter of a shorter expiry): the holds of a placement whose S2 died
  // come back as soon as its claim lapses, so the sweep must not wait for the expiry.
  s2::StockHoldSweeper sweeper(
      mongo.stock_for_sweep(), redis.orders(), metrics, config.stock_hold_expiry,
      std::clamp(config.stock_hold_expiry / 4, std::chrono::milliseconds(100),
                 std::chrono::milliseconds(1000)));
  // Renewed five times a lease, so a renewal that waits out a store timeout still lands in time.
  IdempotencyLeases leases(
      redis.idempotency(),
      std::max(config.redis.idempotency_lock / 5, std::chrono::milliseconds(100)),
      [](const std::exception& e) {
        log::event(spdlog::level::debug, "idempotency leases not renewed", {{"error", e.what()}});
      });
  s2::App app({config.api_token}, router, redis.idempotency(), leases, metrics);

  http::WorkerPool workers(config.workers, config.queue_limit);
  auto server_settings = config.server;
  server_settings.head_check = [&app](const http::RequestHead& head) { return app.screen(head); };
  server_settings.allowed_methods = [&app](std::string_view path) {
    return app.allowed_methods(path);
  };
  http::Server server(
      server_settings, [&app](http::Request& r) { return app.handle(r); }, workers);
  // Declared after the server, so they go first: the server has stopped its loop by then.
  std::optional<redis::AsyncRedis> order_reads;
  std::optional<s2::OrderFastLane> order_fast_lane;
  std::optional<postgres::AsyncPostgres> customer_reads;
  std::optional<s2::CustomerFastLane> customer_fast_lane;
  if (config.fast_lane) {
    order_reads.emplace(server.io_context(), config.redis);
    order_fast_lane.emplace(app, *order_reads, metrics);
    // Set up as the customers' pool, with as many connections: the reads it takes off them.
    customer_reads.emplace(server.io_context(), postgres.pool_settings(),
                           s2::CustomerFastLane::statements());
    customer_fast_lane.emplace(app, postgres, *customer_reads, metrics);
    server.use_fast_lane([&orders = *order_fast_lane, &customers = *customer_fast_lane](
                             http::Request& r, http::Respond respond) {
      return orders.take(r, respond) || customers.take(r, std::move(respond));
    });
  }
  try {
    server.start();
  } catch (const std::exception& e) {
    log::event(spdlog::level::err, "cannot listen",
               {{"host", config.server.host}, {"port", config.server.port}, {"error", e.what()}});
    return 1;
  }
  log::event(spdlog::level::info, "s2 listening",
             {{"url", "http://" + config.server.host + ":" + std::to_string(config.server.port)},
              {"workers", config.workers},
              {"auth", config.api_token.empty() ? "off" : "bearer"}});

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  log::event(spdlog::level::info, "stopping: finishing requests in flight",
             {{"signal", signal_number}});
  server.begin_draining();
  if (!workers.wait_idle(config.drain_timeout)) {
    log::event(spdlog::level::warn, "drain timeout reached; closing anyway");
  }
  // The last responses were handed to the I/O threads; give them a moment to reach the wire.
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  server.stop();
  log::event(spdlog::level::info, "s2 stopped");
  return 0;
}
