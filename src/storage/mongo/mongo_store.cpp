#include "storage/mongo/mongo_store.hpp"

#include "core/error.hpp"
#include "core/log.hpp"
#include "core/store_busy.hpp"
#include "core/store_call.hpp"
#include "storage/mongo/book_lock.hpp"
#include "storage/mongo/book_lookup.hpp"
#include "storage/mongo/bson_doc.hpp"
#include "storage/mongo/mongo_errors.hpp"

namespace ld {

MongoStore::MongoStore(MongoSettings settings, Metrics& metrics)
    : settings_(std::move(settings)),
      metrics_(metrics),
      pool_(settings_.url, settings_.pool_size, settings_.timeout, metrics),
      lease_client_(pool_.own_client()),
      lock_leases_(
          [this](const std::vector<std::string>& tokens) { renew_locks(tokens); }, mongo::kLockBeat,
          [](const std::exception& e) {
            log::event(spdlog::level::debug, "book locks not renewed", {{"error", e.what()}});
          }),
      writes_(lock_leases_, settings_.timeout),
      books_(pool_, settings_.database, writes_),
      stock_(pool_, settings_.database, writes_),
      sweep_pool_(settings_.url, 1, settings_.timeout, metrics, mongo::PoolRole::background),
      sweep_stock_(sweep_pool_, settings_.database, writes_) {}

void MongoStore::renew_locks(const std::vector<std::string>& tokens) {
  StoreCall call(metrics_, Store::mongodb, "book_locks.renew");
  try {
    const mongo::Collection locks(mongoc_client_get_collection(
        lease_client_->get(), settings_.database.c_str(), mongo::kBookLocks));
    mongo::renew_book_locks(locks.get(), tokens);
  } catch (...) {
    call.failed();
    throw;
  }
}

void MongoStore::ensure_indexes() {
  pool_.run("book_locks.ensure_index", [&](mongo::PooledClient& client) {
    const auto locks = mongo::lock_collection(client, settings_.database);
    mongo::ensure_book_lock_index(locks.get());
  });
  pool_.run("book_writes.learn_guard", [&](mongo::PooledClient& client) {
    const auto guard = settings_.lock_book_writes
                           ? mongo::BookWriteGuard::lock_per_write
                           : mongo::learn_book_write_guard(client.get(), settings_.database);
    writes_.use(guard);
    log::event(spdlog::level::info, "book writes kept apart",
               {{"by", std::string(mongo::describe(guard))}});
  });
  books_.ensure_indexes();
}

StoreStatus MongoStore::probe() {
  StoreStatus status;
  const auto start = std::chrono::steady_clock::now();
  {
    StoreCall call(metrics_, Store::mongodb, "ping");
    try {
      mongo::PooledClient client = pool_.acquire();
      mongo::Bson ping;
      bson_append_int32(ping.get(), "ping", -1, 1);
      bson_error_t error;
      if (!mongoc_client_command_simple(client.get(), "admin", ping.get(), nullptr, nullptr,
                                        &error)) {
        mongo::throw_driver_error(error, "ping");
      }
      status.up = true;
    } catch (const StoreBusy&) {
      // Every client is busy with requests the store is answering: it is up, and a ping
      // queued behind them would only make /ready as slow as the slowest of them.
      status.up = true;
    } catch (const Error& e) {
      call.failed();
      status.error = e.internal().empty() ? e.detail() : e.internal();
    } catch (const std::exception& e) {
      call.failed();
      status.error = e.what();
    }
  }
  const std::chrono::duration<double, std::milli> elapsed =
      std::chrono::steady_clock::now() - start;
  status.latency_ms = elapsed.count();
  return status;
}

}  // namespace ld
