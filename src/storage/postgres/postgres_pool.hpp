// A fixed-size pool of PostgreSQL connections. Connections open lazily (so S2 starts while the
// server is down), an idle connection that the server has closed is dropped before use, a broken
// one is discarded, and the next use opens a fresh one: S2 recovers from a server restart by
// itself. With every connection leased, a caller is refused at once (StoreBusy: 503 with
// Retry-After) instead of queued, so a slow PostgreSQL holds at most `size` of S2's workers.
// Every session runs under statement_timeout, and every leased connection has a deadline; a
// watchdog cuts the socket of one that overruns it, so even a server that stops answering costs
// a request its timeout, not forever.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include <pqxx/pqxx>

#include "core/error.hpp"
#include "core/metrics.hpp"
#include "storage/postgres/statement.hpp"

namespace ld::postgres {

struct PoolSettings {
  std::string conninfo;  // a URI or keyword/value string, with connect_timeout already set
  int size = 8;
  // The wait for a new connection and (with a margin) the watchdog's deadline for one lease.
  std::chrono::milliseconds timeout{2000};
  // The server's statement_timeout for every session: it stops a statement S2 is about to give
  // up on. 0: the same as `timeout`.
  std::chrono::milliseconds statement_timeout{0};

  // statement_timeout as the sessions get it.
  std::chrono::milliseconds session_statement_timeout() const {
    return statement_timeout.count() > 0 ? statement_timeout : timeout;
  }
};

class PostgresPool {
 public:
  // `statements` are prepared on every connection the pool opens.
  PostgresPool(PoolSettings settings, std::vector<Statement> statements, Metrics& metrics);
  ~PostgresPool();
  PostgresPool(const PostgresPool&) = delete;
  PostgresPool& operator=(const PostgresPool&) = delete;

  // One connection, exclusively the holder's until it goes out of scope.
  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&&) = delete;
    ~Lease();

    pqxx::connection& connection() { return *connection_; }
    bool reused() const { return reused_; }  // it had served an earlier lease
    bool timed_out() const;                  // the watchdog cut it
    void discard() { discard_ = true; }      // close it instead of returning it

   private:
    friend class PostgresPool;
    Lease(PostgresPool& pool, std::unique_ptr<pqxx::connection> connection, bool reused);

    PostgresPool* pool_;
    std::unique_ptr<pqxx::connection> connection_;
    bool reused_;
    bool discard_ = false;
    std::uint64_t watch_id_ = 0;
  };

  // Throws StoreBusy("postgres") at once when every connection is leased, and
  // StoreUnavailable("postgres") when a new one cannot be opened.
  Lease acquire();

  // Runs `work(pqxx::connection&)` on a leased connection and turns driver failures into the
  // bookstore's errors: a lost or timed-out server becomes StoreUnavailable("postgres"), any
  // other SQL error an internal Error. A connection that had sat idle and turns out dead is
  // replaced and the work run once more: the server closed it (a restart), and nothing of the
  // work reached the server. Errors the work throws itself pass through unchanged.
  template <class Work>
  std::invoke_result_t<Work&, pqxx::connection&> run(Work&& work);

  std::int64_t in_use() const;
  std::int64_t size() const { return settings_.size; }
  const PoolSettings& settings() const { return settings_; }
  std::chrono::milliseconds timeout() const { return settings_.timeout; }
  std::chrono::milliseconds statement_timeout() const { return settings_.statement_timeout; }

 private:
  struct Watch {
    int fd;  // a duplicate of the connection's socket, so the number cannot be reused meanwhile
    std::chrono::steady_clock::time_point deadline;
    bool fired = false;
  };

  std::unique_ptr<pqxx::connection> open();
  std::unique_ptr<pqxx::connection> take_idle();
  void give_back(std::unique_ptr<pqxx::connection> connection, bool keep);
  std::uint64_t watch(const pqxx::connection& connection);
  bool unwatch(std::uint64_t id);  // returns whether the watchdog fired
  bool fired(std::uint64_t id) const;
  void guard(std::stop_token stop);

  PoolSettings settings_;
  std::vector<Statement> statements_;
  Metrics& metrics_;

  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<pqxx::connection>> idle_;
  int leased_ = 0;

  mutable std::mutex watch_mutex_;
  std::condition_variable_any watch_changed_;
  std::map<std::uint64_t, Watch> watches_;
  std::uint64_t next_watch_id_ = 1;
  std::uint64_t watch_generation_ = 0;  // bumped by a watch that must wake the watchdog
  // When the watchdog wakes next by itself (max: only when woken). Every lease has the same
  // timeout, so a new deadline almost never comes before it, and the watchdog is woken only
  // when it would otherwise sleep through one: not once per lease.
  std::chrono::steady_clock::time_point watchdog_wakes_ =
      std::chrono::steady_clock::time_point::max();
  std::jthread watchdog_;  // last member: it starts after, and stops before, everything it uses
};

// Whether an SQLSTATE means the server cannot serve now (shutdown, overload, timeout).
bool is_unavailable_state(const std::string& sqlstate);
// Whether an SQLSTATE means the server ended the session.
bool ends_session(const std::string& sqlstate);

template <class Work>
std::invoke_result_t<Work&, pqxx::connection&> PostgresPool::run(Work&& work) {
  for (int attempt = 1;; ++attempt) {
    Lease lease = acquire();
    try {
      return work(lease.connection());
    } catch (const pqxx::broken_connection& e) {
      lease.discard();
      if (lease.timed_out()) {
        throw StoreUnavailable("postgres",
                               "no answer within the timeout: " + std::string(e.what()));
      }
      if (attempt == 1 && lease.reused()) continue;
      throw StoreUnavailable("postgres", e.what());
    } catch (const pqxx::in_doubt_error& e) {
      lease.discard();
      throw StoreUnavailable("postgres", std::string("commit outcome unknown: ") + e.what());
    } catch (const pqxx::transaction_rollback& e) {
      // Serialization failure or deadlock: the client may simply try again.
      throw StoreUnavailable("postgres", e.what());
    } catch (const pqxx::sql_error& e) {
      if (ends_session(e.sqlstate()) || lease.timed_out()) lease.discard();
      if (is_unavailable_state(e.sqlstate()) || lease.timed_out()) {
        throw StoreUnavailable("postgres", e.what());
      }
      throw Error(ErrorKind::internal, "The server could not complete the request.", {},
                  std::string("postgres: ") + e.what());
    } catch (const pqxx::failure& e) {
      lease.discard();
      throw StoreUnavailable("postgres", e.what());
    }
  }
}

}  // namespace ld::postgres
