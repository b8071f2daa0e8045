// A few PostgreSQL connections driven by the HTTP server's own Asio loop, for reads answered
// without leaving the I/O thread: a request is parsed, its statement sent, and its answer written
// by the same thread, with no hand-off to a worker and no thread blocked while PostgreSQL works.
// Each connection runs one statement at a time, through libpq's non-blocking calls; statements
// wait their turn in arrival order when every connection is busy.
//
// Failure is bounded like the pooled connections': the server's statement_timeout is set on
// every connection, a statement with no answer within the timeout fails its request and drops
// its connection, a dropped connection is made again when next needed, and while PostgreSQL
// refuses connections a request fails at once instead of trying again more than every
// kReconnectPause.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <asio.hpp>

#include "storage/postgres/postgres_pool.hpp"
#include "storage/postgres/statement.hpp"

namespace ld::postgres {

class AsyncPostgres {
 public:
  struct Reply {
    // failed: the server could not answer (down, too slow, out of connections): a 503.
    // refused: it answered with an error of the statement's own, as a pooled call would throw
    // an internal error for: a 500.
    enum class Kind { row, none, failed, refused } kind = Kind::failed;
    std::vector<std::optional<std::string>> columns;  // the first row's, as text; null: nullopt
    std::string error;                                // why it failed (for the log)
  };
  using Done = std::function<void(Reply)>;

  static constexpr std::chrono::milliseconds kReconnectPause{250};

  // Connections set up as a pool's (`settings`): the same server, timeouts and statement_timeout,
  // and up to as many connections (each a server process: as many as statements run at once).
  // `statements` are prepared on every connection made. Does not connect: the first statement
  // does.
  AsyncPostgres(asio::io_context& io, const PoolSettings& settings,
                std::vector<Statement> statements);
  // Call once `io` runs no more (after the HTTP server stopped): statements still waiting are
  // dropped without calling their `done`.
  ~AsyncPostgres();
  AsyncPostgres(const AsyncPostgres&) = delete;
  AsyncPostgres& operator=(const AsyncPostgres&) = delete;

  // Runs the prepared statement `name` with `params` (as text); `done` runs once, on the loop,
  // with the first row, none, or the failure. Callable from any thread.
  void query_row(std::string name, std::vector<std::string> params, Done done);

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace ld::postgres
