#include "storage/mongo/mongo_pool.hpp"

#include <algorithm>
#include <stdexcept>

#include <spdlog/spdlog.h>

#include "core/error.hpp"
#include "core/store_busy.hpp"

namespace ld::mongo {

namespace {

// The driver's own messages go to S2's log, at S2's level, instead of straight to stderr.
void log_driver_message(mongoc_log_level_t level, const char* domain, const char* message, void*) {
  switch (level) {
    case MONGOC_LOG_LEVEL_ERROR:
    case MONGOC_LOG_LEVEL_CRITICAL:
      spdlog::error("mongoc {}: {}", domain, message);
      break;
    case MONGOC_LOG_LEVEL_WARNING:
      spdlog::warn("mongoc {}: {}", domain, message);
      break;
    case MONGOC_LOG_LEVEL_MESSAGE:
    case MONGOC_LOG_LEVEL_INFO:
      spdlog::info("mongoc {}: {}", domain, message);
      break;
    default:
      spdlog::debug("mongoc {}: {}", domain, message);
      break;
  }
}

// The driver's global state, set up once per process and torn down at exit.
void init_driver() {
  // The log registry must outlive every pool, since a pool logs while it closes; objects made
  // first are destroyed last, so make it before the driver state and any pool.
  spdlog::default_logger_raw();
  struct Driver {
    Driver() {
      mongoc_log_set_handler(log_driver_message, nullptr);
      mongoc_init();
    }
    ~Driver() { mongoc_cleanup(); }
  };
  static Driver driver;
}

void default_ms(mongoc_uri_t* uri, const char* option, std::chrono::milliseconds value) {
  if (!mongoc_uri_has_option(uri, option)) {
    mongoc_uri_set_option_as_int32(uri, option, static_cast<std::int32_t>(value.count()));
  }
}

// Unless the URL asks for something else (say w=majority on a replica set), a write is
// acknowledged only once it is in the journal: S2 answers 2xx only for writes that survive.
void default_write_concern(mongoc_uri_t* uri) {
  const mongoc_write_concern_t* given = mongoc_uri_get_write_concern(uri);
  if (mongoc_write_concern_get_w(given) != MONGOC_WRITE_CONCERN_W_DEFAULT ||
      mongoc_write_concern_journal_is_set(given)) {
    return;
  }
  mongoc_write_concern_t* wc = mongoc_write_concern_new();
  mongoc_write_concern_set_w(wc, 1);
  mongoc_write_concern_set_journal(wc, true);
  mongoc_uri_set_write_concern(uri, wc);
  mongoc_write_concern_destroy(wc);
}

}  // namespace

PooledClient::~PooledClient() {
  pool_.give_back(client_);
}

Collection PooledClient::collection(const std::string& database, const char* name) const {
  return Collection(mongoc_client_get_collection(client_, database.c_str(), name));
}

MongoPool::MongoPool(const std::string& url, int max_size, std::chrono::milliseconds timeout,
                     Metrics& metrics, PoolRole role)
    : max_size_(max_size), timeout_(timeout), metrics_(metrics), role_(role) {
  init_driver();
  if (max_size < 1) throw std::invalid_argument("the MongoDB pool needs at least one client");
  bson_error_t error;
  uri_.reset(mongoc_uri_new_with_error(url.c_str(), &error));
  if (!uri_) throw std::invalid_argument(std::string("invalid MongoDB URL: ") + error.message);
  // Bounded waits everywhere, so a stopped or hung server costs a request about one timeout.
  default_ms(uri_.get(), MONGOC_URI_SERVERSELECTIONTIMEOUTMS, timeout);
  default_ms(uri_.get(), MONGOC_URI_CONNECTTIMEOUTMS, timeout);
  default_ms(uri_.get(), MONGOC_URI_SOCKETTIMEOUTMS, timeout);
  default_ms(uri_.get(), MONGOC_URI_WAITQUEUETIMEOUTMS, timeout);
  if (!mongoc_uri_has_option(uri_.get(), MONGOC_URI_APPNAME)) {
    mongoc_uri_set_appname(uri_.get(), "livros-e-dados");
  }
  default_write_concern(uri_.get());
  pool_.reset(mongoc_client_pool_new_with_error(uri_.get(), &error));
  if (!pool_) throw std::invalid_argument(std::string("unusable MongoDB URL: ") + error.message);
  mongoc_client_pool_set_error_api(pool_.get(), MONGOC_ERROR_API_VERSION_2);
  mongoc_client_pool_max_size(pool_.get(), static_cast<std::uint32_t>(max_size));
  report_use(0);
}

PooledClient MongoPool::acquire() {
  // No queue: with every client in use the store already has all the work it may have.
  mongoc_client_t* client = mongoc_client_pool_try_pop(pool_.get());
  if (!client) throw StoreBusy("mongodb");
  report_use(++in_use_);
  return PooledClient(*this, client);
}

OwnClient::OwnClient(const mongoc_uri_t* uri) {
  bson_error_t error;
  pool_ = mongoc_client_pool_new_with_error(uri, &error);
  if (pool_ == nullptr) {
    throw std::invalid_argument(std::string("unusable MongoDB URL: ") + error.message);
  }
  mongoc_client_pool_set_error_api(pool_, MONGOC_ERROR_API_VERSION_2);
  mongoc_client_pool_max_size(pool_, 1);
  client_ = mongoc_client_pool_pop(pool_);  // the only one: never waits
}

OwnClient::~OwnClient() {
  mongoc_client_pool_push(pool_, client_);
  mongoc_client_pool_destroy(pool_);
}

std::unique_ptr<OwnClient> MongoPool::own_client(
    std::optional<std::chrono::milliseconds> socket_timeout) const {
  if (!socket_timeout) return std::make_unique<OwnClient>(uri_.get());
  const std::unique_ptr<mongoc_uri_t, UriFree> patient(mongoc_uri_copy(uri_.get()));
  mongoc_uri_set_option_as_int32(patient.get(), MONGOC_URI_SOCKETTIMEOUTMS,
                                 static_cast<std::int32_t>(socket_timeout->count()));
  return std::make_unique<OwnClient>(patient.get());  // the client's pool keeps a copy
}

void MongoPool::give_back(mongoc_client_t* client) {
  mongoc_client_pool_push(pool_.get(), client);
  report_use(--in_use_);
}

void MongoPool::report_use(int in_use) {
  if (role_ == PoolRole::background) return;
  int opened = opened_.load();
  while (in_use > opened && !opened_.compare_exchange_weak(opened, in_use)) {
  }
  opened = std::max(opened, in_use);
  metrics_.set_gauge("store_pool_connections", {{"store", "mongodb"}, {"state", "in_use"}}, in_use);
  metrics_.set_gauge("store_pool_connections", {{"store", "mongodb"}, {"state", "idle"}},
                     opened - in_use);
}

}  // namespace ld::mongo
