#include "storage/postgres/postgres_pool.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>

#include "core/store_busy.hpp"
#include "core/store_call.hpp"

namespace ld::postgres {

namespace {

using Clock = std::chrono::steady_clock;

// The server sends nothing to an idle session unless it is ending it (a restart, an admin's
// pg_terminate_backend), so anything readable, or a hang-up, means the connection is dead.
bool looks_alive(const pqxx::connection& connection) {
  if (!connection.is_open()) return false;
  pollfd p{connection.sock(), POLLIN, 0};
  return ::poll(&p, 1, 0) == 0;
}

// Room for the server's own statement_timeout to fire first and give the clearer error.
std::chrono::milliseconds watchdog_margin(std::chrono::milliseconds timeout) {
  return std::max(std::chrono::milliseconds(250), timeout / 4);
}

}  // namespace

bool is_unavailable_state(const std::string& sqlstate) {
  const std::string cls = sqlstate.substr(0, 2);
  // 08 connection exception, 53 insufficient resources, 57 operator intervention (includes
  // 57014, a statement cancelled by statement_timeout), 55P03 lock not available.
  return cls == "08" || cls == "53" || cls == "57" || sqlstate == "55P03";
}

bool ends_session(const std::string& sqlstate) {
  return sqlstate.rfind("08", 0) == 0 || sqlstate == "57P01" || sqlstate == "57P02" ||
         sqlstate == "57P03";
}

PostgresPool::PostgresPool(PoolSettings settings, std::vector<Statement> statements,
                           Metrics& metrics)
    : settings_(std::move(settings)),
      statements_(std::move(statements)),
      metrics_(metrics),
      watchdog_([this](std::stop_token stop) { guard(std::move(stop)); }) {
  settings_.size = std::max(1, settings_.size);
  settings_.statement_timeout = settings_.session_statement_timeout();
}

PostgresPool::~PostgresPool() {
  watchdog_.request_stop();
  if (watchdog_.joinable()) watchdog_.join();
}

std::unique_ptr<pqxx::connection> PostgresPool::open() {
  StoreCall call(metrics_, Store::postgres, "connect");
  try {
    auto connection = std::make_unique<pqxx::connection>(settings_.conninfo);
    // libpqxx restores a variable set this way if it ever reconnects the session itself.
    connection->set_variable("statement_timeout",
                             std::to_string(settings_.statement_timeout.count()));
    for (const auto& s : statements_) connection->prepare(s.name, s.sql);
    return connection;
  } catch (const std::exception& e) {
    call.failed();
    throw StoreUnavailable("postgres", std::string("cannot connect: ") + e.what());
  }
}

std::unique_ptr<pqxx::connection> PostgresPool::take_idle() {
  for (;;) {
    std::unique_ptr<pqxx::connection> connection;
    {
      std::lock_guard lock(mutex_);
      if (idle_.empty()) return nullptr;
      connection = std::move(idle_.back());
      idle_.pop_back();
    }
    if (looks_alive(*connection)) return connection;
    // Closed outside the lock; the loop goes on to the next idle one.
  }
}

PostgresPool::Lease PostgresPool::acquire() {
  {
    std::lock_guard lock(mutex_);
    // No queue: with every connection leased the store already has all the work it may have.
    if (leased_ >= settings_.size) throw StoreBusy("postgres");
    ++leased_;
  }
  std::unique_ptr<pqxx::connection> connection;
  bool reused = true;
  try {
    connection = take_idle();
    if (!connection) {
      reused = false;
      connection = open();
    }
  } catch (...) {
    give_back(nullptr, false);
    throw;
  }
  return Lease(*this, std::move(connection), reused);
}

void PostgresPool::give_back(std::unique_ptr<pqxx::connection> connection, bool keep) {
  if (connection && !(keep && connection->is_open())) connection.reset();
  std::lock_guard lock(mutex_);
  if (connection) idle_.push_back(std::move(connection));
  --leased_;
}

std::int64_t PostgresPool::in_use() const {
  std::lock_guard lock(mutex_);
  return leased_;
}

std::uint64_t PostgresPool::watch(const pqxx::connection& connection) {
  const int fd = ::fcntl(connection.sock(), F_DUPFD_CLOEXEC, 0);
  if (fd < 0) return 0;
  const auto deadline = Clock::now() + settings_.timeout + watchdog_margin(settings_.timeout);
  std::uint64_t id = 0;
  bool wake = false;
  {
    std::lock_guard lock(watch_mutex_);
    id = next_watch_id_++;
    watches_.emplace(id, Watch{fd, deadline});
    if (deadline < watchdog_wakes_) {
      ++watch_generation_;
      watchdog_wakes_ = deadline;  // the watchdog will, once woken
      wake = true;
    }
  }
  if (wake) watch_changed_.notify_all();
  return id;
}

bool PostgresPool::unwatch(std::uint64_t id) {
  if (id == 0) return false;
  std::lock_guard lock(watch_mutex_);
  const auto it = watches_.find(id);
  if (it == watches_.end()) return false;
  const bool was_fired = it->second.fired;
  ::close(it->second.fd);
  watches_.erase(it);
  return was_fired;
}

bool PostgresPool::fired(std::uint64_t id) const {
  std::lock_guard lock(watch_mutex_);
  const auto it = watches_.find(id);
  return it != watches_.end() && it->second.fired;
}

void PostgresPool::guard(std::stop_token stop) {
  std::unique_lock lock(watch_mutex_);
  while (!stop.stop_requested()) {
    const auto now = Clock::now();
    auto next = Clock::time_point::max();
    for (auto& [id, w] : watches_) {
      if (w.fired) continue;
      if (w.deadline <= now) {
        // Shutting the socket down wakes the thread blocked reading it; libpq then reports a
        // lost connection and the lease is discarded.
        ::shutdown(w.fd, SHUT_RDWR);
        w.fired = true;
      } else {
        next = std::min(next, w.deadline);
      }
    }
    // Wake at the next deadline, or when a lease starts whose deadline comes before it.
    watchdog_wakes_ = next;
    const auto seen = watch_generation_;
    const auto changed = [&] { return watch_generation_ != seen; };
    if (next == Clock::time_point::max()) {
      watch_changed_.wait(lock, stop, changed);
    } else {
      watch_changed_.wait_until(lock, stop, next, changed);
    }
  }
}

PostgresPool::Lease::Lease(PostgresPool& pool, std::unique_ptr<pqxx::connection> connection,
                           bool reused)
    : pool_(&pool), connection_(std::move(connection)), reused_(reused) {
  watch_id_ = pool_->watch(*connection_);
}

PostgresPool::Lease::Lease(Lease&& other) noexcept
    : pool_(std::exchange(other.pool_, nullptr)),
      connection_(std::move(other.connection_)),
      reused_(other.reused_),
      discard_(other.discard_),
      watch_id_(std::exchange(other.watch_id_, 0)) {}

PostgresPool::Lease::~Lease() {
  if (!pool_) return;
  const bool cut = pool_->unwatch(watch_id_);
  pool_->give_back(std::move(connection_), !discard_ && !cut);
}

bool PostgresPool::Lease::timed_out() const {
  return pool_ && pool_->fired(watch_id_);
}

}  // namespace ld::postgres
