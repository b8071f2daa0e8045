#include "storage/postgres/postgres_store.hpp"

#include "core/error.hpp"
#include "core/store_busy.hpp"
#include "storage/postgres/connection_options.hpp"
#include "storage/postgres/migrations.hpp"
#include "storage/postgres/postgres_book_index.hpp"
#include "storage/postgres/postgres_customer_repository.hpp"

namespace ld {

namespace {

const postgres::Statement kProbe{"probe", "SELECT 1"};

std::vector<postgres::Statement> all_statements() {
  auto out = postgres::PostgresCustomerRepository::statements();
  out.push_back(kProbe);
  return out;
}

std::string first_line(const std::string& text) {
  return text.substr(0, text.find('\n'));
}

}  // namespace

PostgresStore::PostgresStore(PostgresSettings settings, Metrics& metrics)
    : settings_(std::move(settings)),
      metrics_(metrics),
      pool_({postgres::with_connect_timeout(settings_.url, settings_.timeout), settings_.pool_size,
             settings_.timeout, settings_.statement_timeout},
            all_statements(), metrics),
      index_pool_({postgres::with_connect_timeout(settings_.url, settings_.timeout),
                   settings_.index_pool_size, settings_.timeout, settings_.statement_timeout},
                  postgres::PostgresBookIndex::statements(), metrics),
      customers_(std::make_unique<postgres::PostgresCustomerRepository>(
          pool_, metrics, [this] { ensure_schema(); })),
      book_index_(std::make_unique<postgres::PostgresBookIndex>(index_pool_, metrics,
                                                                [this] { ensure_schema(); })) {}

PostgresStore::~PostgresStore() = default;

void PostgresStore::apply_migrations() {
  const auto migrations = postgres::find_migrations(settings_.migrations_dir);
  try {
    // A session of its own, outside the pool: the advisory lock and long-running DDL must not
    // meet the pool's statement_timeout or its watchdog.
    pqxx::connection connection(postgres::with_connect_timeout(settings_.url, settings_.timeout));
    postgres::apply_migrations(connection, migrations, metrics_);
  } catch (const pqxx::broken_connection& e) {
    throw StoreUnavailable("postgres", std::string("cannot apply migrations: ") + e.what());
  } catch (const pqxx::sql_error& e) {
    if (postgres::is_unavailable_state(e.sqlstate())) {
      throw StoreUnavailable("postgres", std::string("cannot apply migrations: ") + e.what());
    }
    throw Error(ErrorKind::internal, "The server could not complete the request.", {},
                std::string("postgres migration failed: ") + e.what());
  }
}

void PostgresStore::migrate() {
  std::lock_guard lock(schema_mutex_);
  try {
    apply_migrations();
    schema_ = Schema::applied;
  } catch (const StoreUnavailable&) {
    schema_ = Schema::pending;
    throw;
  }
}

void PostgresStore::ensure_schema() {
  if (schema_.load() != Schema::pending) return;
  // One request applies them; the others fail fast rather than queue behind a slow server.
  std::unique_lock lock(schema_mutex_, std::try_to_lock);
  if (!lock.owns_lock()) {
    throw StoreUnavailable("postgres", "schema migrations are being applied");
  }
  if (schema_.load() != Schema::pending) return;
  apply_migrations();
  schema_ = Schema::applied;
}

CustomerRepository& PostgresStore::customers() {
  return *customers_;
}

BookIndex& PostgresStore::book_index() {
  return *book_index_;
}

StoreStatus PostgresStore::probe() {
  StoreStatus status;
  const auto start = std::chrono::steady_clock::now();
  try {
    pool_.run([&](pqxx::connection& connection) {
      pqxx::nontransaction tx(connection);
      postgres::execute(metrics_, tx, kProbe);
    });
    status.up = true;
  } catch (const StoreBusy&) {
    // Every connection is busy with requests the server is answering: it is up, and a probe
    // queued behind them would only make /ready as slow as the slowest of them.
    status.up = true;
  } catch (const Error& e) {
    status.error = first_line(e.internal().empty() ? e.detail() : e.internal());
  } catch (const std::exception& e) {
    status.error = first_line(e.what());
  }
  const std::chrono::duration<double, std::milli> elapsed =
      std::chrono::steady_clock::now() - start;
  status.latency_ms = elapsed.count();
  return status;
}

std::int64_t PostgresStore::pool_in_use() const {
  return pool_.in_use();
}
std::int64_t PostgresStore::pool_size() const {
  return pool_.size();
}
std::int64_t PostgresStore::index_pool_in_use() const {
  return index_pool_.in_use();
}
std::int64_t PostgresStore::index_pool_size() const {
  return index_pool_.size();
}

}  // namespace ld
