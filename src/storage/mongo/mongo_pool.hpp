// The MongoDB connection pool and the handles borrowed from it, each given back or freed by its
// owner: a pooled client returns to the pool, collections and cursors are destroyed.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include <mongoc/mongoc.h>

#include "core/error.hpp"
#include "core/metrics.hpp"
#include "core/store_call.hpp"

namespace ld::mongo {

struct CollectionFree {
  void operator()(mongoc_collection_t* c) const noexcept { mongoc_collection_destroy(c); }
};
using Collection = std::unique_ptr<mongoc_collection_t, CollectionFree>;

struct CursorFree {
  void operator()(mongoc_cursor_t* c) const noexcept { mongoc_cursor_destroy(c); }
};
using Cursor = std::unique_ptr<mongoc_cursor_t, CursorFree>;

struct FindAndModifyOptsFree {
  void operator()(mongoc_find_and_modify_opts_t* o) const noexcept {
    mongoc_find_and_modify_opts_destroy(o);
  }
};
using FindAndModifyOpts = std::unique_ptr<mongoc_find_and_modify_opts_t, FindAndModifyOptsFree>;

class MongoPool;

// A client for one background thread, outside the requests' pool: from a pool of one of its
// own, so that, like the pooled clients, it is watched by the driver's monitor and finds a
// server that came back at once (a single-threaded client waits out a cool-down after a
// failure instead).
class OwnClient {
 public:
  explicit OwnClient(const mongoc_uri_t* uri);
  ~OwnClient();
  OwnClient(const OwnClient&) = delete;
  OwnClient& operator=(const OwnClient&) = delete;

  mongoc_client_t* get() const noexcept { return client_; }

 private:
  mongoc_client_pool_t* pool_;
  mongoc_client_t* client_;
};

// A client borrowed from the pool for one repository call; handles taken from it (collections,
// cursors) must be gone before it is, so declare it first.
class PooledClient {
 public:
  PooledClient(MongoPool& pool, mongoc_client_t* client) : pool_(pool), client_(client) {}
  ~PooledClient();
  PooledClient(const PooledClient&) = delete;
  PooledClient& operator=(const PooledClient&) = delete;

  mongoc_client_t* get() const noexcept { return client_; }
  Collection collection(const std::string& database, const char* name) const;

 private:
  MongoPool& pool_;
  mongoc_client_t* client_;
};

// A pool that serves requests reports its clients in use as the store_pool_connections gauge; a
// background pool (the sweeper's, the admin views') keeps out of it, so the gauge stays the
// requests' pool.
enum class PoolRole { requests, background };

class MongoPool {
 public:
  // Does not connect: the driver finds the server in the background, so a store that is down
  // at start-up only fails the calls made while it is down. Throws std::invalid_argument for a
  // malformed URL. Adds the timeouts to the URL unless it sets its own.
  MongoPool(const std::string& url, int max_size, std::chrono::milliseconds timeout,
            Metrics& metrics, PoolRole role = PoolRole::requests);

  // Throws StoreBusy("mongodb") at once when every client is in use.
  PooledClient acquire();
  // A client with the pool's URL and timeouts that never competes with requests for the pool:
  // for background work that must not be refused when every pooled client is busy.
  // With `socket_timeout`, its operations may take that long instead of the pool's timeout: for
  // one-off work the server must scan the whole collection for.
  std::unique_ptr<OwnClient> own_client(
      std::optional<std::chrono::milliseconds> socket_timeout = std::nullopt) const;

  // Runs `work(PooledClient&)` on a borrowed client as one timed store call `operation`
  // (Server-Timing, store_operation_duration_seconds). Failures of the store count as its
  // errors (store_errors_total); a client's mistakes (409, 400) do not.
  template <class Work>
  auto run(const char* operation, Work&& work) {
    StoreCall call(metrics_, Store::mongodb, operation);
    try {
      PooledClient client = acquire();
      return work(client);
    } catch (const Error& e) {
      if (e.kind() == ErrorKind::unavailable || e.kind() == ErrorKind::internal) call.failed();
      throw;
    } catch (...) {
      call.failed();
      throw;
    }
  }

  int max_size() const noexcept { return max_size_; }
  // How long one operation may take; also sent as maxTimeMS, so the server stops working on
  // what S2 has given up on.
  std::chrono::milliseconds timeout() const noexcept { return timeout_; }
  int in_use() const noexcept { return in_use_.load(); }

 private:
  friend class PooledClient;
  void give_back(mongoc_client_t* client);
  void report_use(int in_use);

  struct UriFree {
    void operator()(mongoc_uri_t* u) const noexcept { mongoc_uri_destroy(u); }
  };
  struct PoolFree {
    void operator()(mongoc_client_pool_t* p) const noexcept { mongoc_client_pool_destroy(p); }
  };

  std::unique_ptr<mongoc_uri_t, UriFree> uri_;
  std::unique_ptr<mongoc_client_pool_t, PoolFree> pool_;
  int max_size_;
  std::chrono::milliseconds timeout_;
  Metrics& metrics_;
  PoolRole role_;
  std::atomic<int> in_use_{0};
  std::atomic<int> opened_{0};  // the pool opens clients lazily and keeps them
};

}  // namespace ld::mongo
