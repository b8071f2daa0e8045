#include "s2/config.hpp"

#include <cstdlib>
#include <iostream>

#include <CLI/CLI.hpp>

#include "core/dotenv.hpp"

namespace ld::s2 {

namespace {

std::string env(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value && *value ? value : fallback;
}

long env_number(const char* name, long fallback) {
  const char* value = std::getenv(name);
  if (!value || !*value) return fallback;
  char* end = nullptr;
  const long n = std::strtol(value, &end, 10);
  if (*end != '\0' || n < 0) {
    std::cerr << "s2: " << name << " must be a non-negative integer, got '" << value << "'\n";
    std::exit(2);
  }
  return n;
}

}  // namespace

std::size_t Config::pooled_connections() const {
  return static_cast<std::size_t>(postgres.pool_size + postgres.index_pool_size + mongo.pool_size +
                                  redis.pool_size);
}

Config load_config(int argc, char** argv) {
  // S2_ENV_FILE names the .env file; set it empty to read none.
  const char* env_file = std::getenv("S2_ENV_FILE");
  dotenv::load(env_file ? env_file : ".env");

  Config c;
  c.server.host = env("S2_HOST", "127.0.0.1");
  c.server.port = static_cast<unsigned short>(env_number("S2_PORT", 5000));
  c.server.io_threads = static_cast<std::size_t>(env_number("S2_IO_THREADS", 1));
  c.queue_limit = static_cast<std::size_t>(env_number("S2_QUEUE_LIMIT", 1024));
  c.api_token = env("S2_API_TOKEN", "");
  c.server.max_connections = static_cast<std::size_t>(env_number("S2_MAX_CONNECTIONS", 512));
  c.server.body_budget =
      static_cast<std::uint64_t>(env_number("S2_BODY_BUDGET_BYTES", 64L * 1024 * 1024));
  c.server.limits.max_head_bytes =
      static_cast<std::size_t>(env_number("S2_MAX_HEADER_BYTES", 16 * 1024));
  c.server.limits.max_target_bytes =
      static_cast<std::size_t>(env_number("S2_MAX_TARGET_BYTES", 8 * 1024));
  c.log_format = env("S2_LOG_FORMAT", "text");
  c.log_level = env("S2_LOG_LEVEL", "info");
  const auto timeout = std::chrono::milliseconds(env_number("S2_STORE_TIMEOUT_MS", 2000));
  c.postgres.url = env("S2_PG_URL", "postgresql://livros@127.0.0.1:15432/livros");
  c.postgres.pool_size = static_cast<int>(env_number("S2_PG_POOL", 8));
  c.postgres.index_pool_size = static_cast<int>(env_number("S2_PG_INDEX_POOL", 8));
  c.postgres.timeout = timeout;
  c.postgres.statement_timeout =
      std::chrono::milliseconds(env_number("S2_PG_STATEMENT_TIMEOUT_MS", timeout.count()));
  c.postgres.migrations_dir = env("S2_MIGRATIONS_DIR", c.postgres.migrations_dir);
  c.mongo.url = env("S2_MONGO_URL", "mongodb://127.0.0.1:17017");
  c.mongo.database = env("S2_MONGO_DB", "livros");
  c.mongo.pool_size = static_cast<int>(env_number("S2_MONGO_POOL", 8));
  c.mongo.timeout = timeout;
  c.mongo.lock_book_writes = env_number("S2_MONGO_LOCK_BOOK_WRITES", 0) != 0;
  c.redis.url = env("S2_REDIS_URL", "redis://127.0.0.1:16379/0");
  c.redis.pool_size = static_cast<int>(env_number("S2_REDIS_POOL", 8));
  c.redis.timeout = timeout;
  // A worker waits on a store only while it holds one of that store's pooled connections (a full
  // pool refuses at once), so with a worker for every pooled connection and a few to spare, the
  // requests of a store that is slow or flooded can never hold the workers another store's
  // requests need.
  c.workers = static_cast<std::size_t>(
      env_number("S2_WORKERS", static_cast<long>(c.pooled_connections() + kSpareWorkers)));
  c.redis.idempotency_lock = std::chrono::milliseconds(env_number("S2_IDEMPOTENCY_LOCK_MS", 5'000));
  c.redis.placing_lease = std::chrono::milliseconds(env_number("S2_PLACEMENT_LEASE_MS", 5'000));
  c.stock_hold_expiry = std::chrono::milliseconds(env_number("S2_STOCK_HOLD_EXPIRY_MS", 120'000));
  c.drain_timeout = std::chrono::milliseconds(env_number("S2_DRAIN_TIMEOUT_MS", 10'000));
  c.fast_lane = env_number("S2_FAST_LANE", 1) != 0;
  c.startup_timeout = std::chrono::seconds(env_number("S2_STARTUP_TIMEOUT_S", 60));

  CLI::App cli{
      "s2 — the Livros & Dados bookstore API (customers in PostgreSQL, books in MongoDB, "
      "orders in Redis). Every flag has an S2_* variable; see .env.example."};
  cli.add_option("--host", c.server.host, "Address to listen on (S2_HOST)");
  cli.add_option("--port", c.server.port, "Port to listen on (S2_PORT)");
  cli.add_option("--io-threads", c.server.io_threads, "HTTP I/O threads (S2_IO_THREADS)")
      ->check(CLI::Range(1, 64));
  cli.add_option("--workers", c.workers, "Request worker threads (S2_WORKERS)")
      ->check(CLI::Range(1, 512));
  cli.add_option("--pg-url", c.postgres.url, "PostgreSQL URL (S2_PG_URL)");
  cli.add_option("--mongo-url", c.mongo.url, "MongoDB URL (S2_MONGO_URL)");
  cli.add_option("--mongo-db", c.mongo.database, "MongoDB database (S2_MONGO_DB)");
  cli.add_option("--redis-url", c.redis.url, "Redis URL (S2_REDIS_URL)");
  cli.add_option("--log-format", c.log_format, "text or json (S2_LOG_FORMAT)")
      ->check(CLI::IsMember({"text", "json"}));
  cli.add_option("--log-level", c.log_level, "trace|debug|info|warn|error (S2_LOG_LEVEL)")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error"}));
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    std::exit(cli.exit(e));
  }
  if (c.workers == 0 || c.postgres.pool_size < 1 || c.mongo.pool_size < 1 ||
      c.redis.pool_size < 1) {
    std::cerr << "s2: worker and pool sizes must be at least 1\n";
    std::exit(2);
  }
  return c;
}

}  // namespace ld::s2
