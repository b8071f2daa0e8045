// libpq's non-blocking calls on Asio: libpq says which way it waits on its socket (connecting,
// flushing a statement, reading an answer), Asio waits for the descriptor to be ready and hands
// the event back to libpq. Everything touching a connection runs on one strand, so the loop may
// have any number of threads. (libpq resolves a host name while it starts connecting: give an
// address, as the project's URLs do, and no step blocks the loop.)
#include "storage/postgres/async_postgres.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <deque>

namespace ld::postgres {

namespace {

using Clock = std::chrono::steady_clock;
using Strand = asio::strand<asio::io_context::executor_type>;
using Descriptor = asio::posix::stream_descriptor;

struct ConnectionFree {
  void operator()(PGconn* connection) const noexcept { PQfinish(connection); }
};
struct ResultFree {
  void operator()(PGresult* result) const noexcept { PQclear(result); }
};
using Result = std::unique_ptr<PGresult, ResultFree>;

std::string trimmed(const char* message) {
  std::string text = message == nullptr ? "" : message;
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

}  // namespace

struct AsyncPostgres::State : std::enable_shared_from_this<AsyncPostgres::State> {
  // One statement of a request, waiting for a connection, then for its answer, or for its
  // timeout, whichever comes first.
  struct Job {
    Job(const Strand& strand, std::string n, std::vector<std::string> p, Done d)
        : name(std::move(n)), params(std::move(p)), done(std::move(d)), timer(strand) {}
    std::string name;
    std::vector<std::string> params;
    Done done;
    asio::steady_timer timer;
    bool finished = false;
  };

  // One connection and the descriptor Asio watches for it: libpq's socket, watched but never
  // closed by Asio.
  struct Link {
    enum class Phase { connecting, setting_up, ready, busy, dead };
    explicit Link(const Strand& strand) : fd(strand), setup_deadline(strand) {}
    Phase phase = Phase::connecting;
    std::unique_ptr<PGconn, ConnectionFree> connection;
    Descriptor fd;
    asio::steady_timer setup_deadline;  // libpq bounds no step of a non-blocking connect
    std::shared_ptr<Job> job;           // in flight while busy
    std::size_t setup_step = 0;         // 0: statement_timeout, then each statement to prepare
    Result first;                       // the first result of what is in flight
    bool read_armed = false;
    bool write_armed = false;
  };
  using LinkPtr = std::shared_ptr<Link>;

  State(asio::io_context& io, const PoolSettings& settings, std::vector<Statement> prepared)
      : strand(asio::make_strand(io)),
        conninfo(settings.conninfo),
        timeout(settings.timeout),
        statement_timeout(std::to_string(settings.session_statement_timeout().count())),
        statements(std::move(prepared)),
        links(static_cast<std::size_t>(std::max(settings.size, 1))) {}

  void complete(const std::shared_ptr<Job>& job, Reply reply) {
    if (job->finished) return;
    job->finished = true;
    job->timer.cancel();
    if (!closing) job->done(std::move(reply));
  }

  static Reply failure(std::string why) {
    Reply reply;
    reply.error = std::move(why);
    return reply;
  }

  void submit(const std::shared_ptr<Job>& job) {
    if (closing) return;
    job->timer.expires_after(timeout);
    job->timer.async_wait([weak = weak_from_this(), job](const asio::error_code& error) {
      const auto self = weak.lock();
      if (error || job->finished || !self) return;
      self->complete(job, failure("postgres did not answer in time"));
      // Its connection may be stuck behind the statement: it goes, and a new one is made.
      for (auto& link : self->links) {
        if (link && link->job == job) self->drop(*link);
      }
      self->pump();
    });
    queue.push_back(job);
    pump();
  }

  std::shared_ptr<Job> next_job() {
    while (!queue.empty()) {
      auto job = std::move(queue.front());
      queue.pop_front();
      if (!job->finished) return job;  // one whose time ran out while waiting is skipped
    }
    return nullptr;
  }

  // Hands waiting statements to ready connections, and makes connections for those left over: no
  // more than they need, so a light load keeps a connection or two.
  void pump() {
    for (auto& link : links) {
      if (!link || link->phase != Link::Phase::ready) continue;
      auto job = next_job();
      if (!job) return;
      start(link, job);
    }
    std::erase_if(queue, [](const auto& job) { return job->finished; });
    if (queue.empty()) return;
    std::size_t coming = 0;  // connections being made, each to take a waiting statement
    bool alive = false;
    for (const auto& link : links) {
      if (!link || link->phase == Link::Phase::dead) continue;
      alive = true;
      if (link->phase == Link::Phase::connecting || link->phase == Link::Phase::setting_up) {
        ++coming;
      }
    }
    const bool paused = refused_at && Clock::now() - *refused_at < kReconnectPause;
    for (auto& link : links) {
      if (paused || coming >= queue.size()) break;
      if (link && link->phase != Link::Phase::dead) continue;
      link = connect();
      if (link->phase == Link::Phase::dead) break;  // refused: not tried again before the pause
      alive = true;
      ++coming;
    }
    if (alive) return;
    while (auto job = next_job()) complete(job, failure(refusal));
  }

  void refused(Link& link, std::string why) {
    refused_at = Clock::now();
    refusal = std::move(why);
    drop(link);
  }

  void drop(Link& link) {
    link.phase = Link::Phase::dead;
    link.setup_deadline.cancel();
    if (link.fd.is_open()) link.fd.release();  // cancels its waits; libpq closes the socket
    link.connection.reset();
    link.first.reset();
    if (auto job = std::move(link.job)) complete(job, failure("the connection to postgres ended"));
  }

  // A link that failed: its statement fails, and the statements waiting go elsewhere. `detail`
  // says why when the connection's own error message does not (a refused setup statement).
  void fail(Link& link, const char* what, const std::string& detail = {}) {
    const std::string why =
        std::string(what) + ": " +
        (detail.empty() ? trimmed(PQerrorMessage(link.connection.get())) : detail);
    if (auto job = std::move(link.job)) complete(job, failure(why));
    if (link.phase == Link::Phase::connecting || link.phase == Link::Phase::setting_up) {
      refused(link, why);
    } else {
      drop(link);
    }
    pump();
  }

  LinkPtr connect() {
    auto link = std::make_shared<Link>(strand);
    link->connection.reset(PQconnectStart(conninfo.c_str()));
    if (!link->connection || PQstatus(link->connection.get()) == CONNECTION_BAD ||
        !follow_socket(*link)) {
      refused(*link, "cannot connect to postgres: " +
                         (link->connection ? trimmed(PQerrorMessage(link->connection.get()))
                                           : std::string("out of memory")));
      return link;
    }
    link->setup_deadline.expires_after(timeout);
    link->setup_deadline.async_wait([weak = weak_from_this(), link](const asio::error_code& error) {
      const auto self = weak.lock();
      if (error || !self) return;
      if (link->phase == Link::Phase::connecting || link->phase == Link::Phase::setting_up) {
        self->fail(*link, "postgres did not answer in time");
      }
    });
    // As if PQconnectPoll had answered PGRES_POLLING_WRITING, as libpq's manual says to start.
    wait(link, false);
    return link;
  }

  // libpq may move to another socket while connecting (another address of the host).
  bool follow_socket(Link& link) {
    const int socket = PQsocket(link.connection.get());
    if (socket < 0) return false;
    if (link.fd.is_open() && link.fd.native_handle() == socket) return true;
    if (link.fd.is_open()) link.fd.release();
    asio::error_code error;
    link.fd.assign(socket, error);
    return !error;
  }

  void wait(const LinkPtr& link, bool read) {
    bool& armed = read ? link->read_armed : link->write_armed;
    if (armed || link->phase == Link::Phase::dead) return;
    armed = true;
    link->fd.async_wait(read ? Descriptor::wait_read : Descriptor::wait_write,
                        [weak = weak_from_this(), link, read](const asio::error_code& error) {
                          (read ? link->read_armed : link->write_armed) = false;
                          const auto self = weak.lock();
                          if (error || !self || link->phase == Link::Phase::dead) return;
                          if (link->phase == Link::Phase::connecting) {
                            self->poll_connect(link);
                          } else if (read) {
                            self->on_readable(link);
                          } else {
                            self->flush(link);
                          }
                        });
  }

  void poll_connect(const LinkPtr& link) {
    switch (PQconnectPoll(link->connection.get())) {
      case PGRES_POLLING_READING:
        if (!follow_socket(*link)) return fail(*link, "cannot connect to postgres");
        return wait(link, true);
      case PGRES_POLLING_WRITING:
        if (!follow_socket(*link)) return fail(*link, "cannot connect to postgres");
        return wait(link, false);
      case PGRES_POLLING_OK:
        if (PQsetnonblocking(link->connection.get(), 1) != 0) {
          return fail(*link, "cannot set up the postgres connection");
        }
        link->phase = Link::Phase::setting_up;
        return send_setup(link);
      default:
        return fail(*link, "cannot connect to postgres");
    }
  }

  // The session's statement_timeout, then each statement prepared, one at a time.
  void send_setup(const LinkPtr& link) {
    PGconn* connection = link->connection.get();
    int sent = 0;
    if (link->setup_step == 0) {
      const char* values[] = {statement_timeout.c_str()};
      sent = PQsendQueryParams(connection, "SELECT set_config('statement_timeout', $1, false)", 1,
                               nullptr, values, nullptr, nullptr, 0);
    } else if (link->setup_step <= statements.size()) {
      const auto& statement = statements[link->setup_step - 1];
      sent = PQsendPrepare(connection, statement.name.c_str(), statement.sql.c_str(), 0, nullptr);
    } else {
      link->phase = Link::Phase::ready;
      link->setup_deadline.cancel();
      wait(link, true);  // an idle connection the server closes is noticed and dropped
      return pump();
    }
    if (sent == 0) return fail(*link, "cannot set up the postgres connection");
    flush(link);
    wait(link, true);
  }

  void start(const LinkPtr& link, const std::shared_ptr<Job>& job) {
    link->phase = Link::Phase::busy;
    link->job = job;
    std::vector<const char*> values;
    values.reserve(job->params.size());
    for (const auto& param : job->params) values.push_back(param.c_str());
    if (PQsendQueryPrepared(link->connection.get(), job->name.c_str(),
                            static_cast<int>(values.size()), values.data(), nullptr, nullptr,
                            0) == 0) {
      return fail(*link, "cannot send to postgres");
    }
    flush(link);
    wait(link, true);
  }

  void flush(const LinkPtr& link) {
    const int left = PQflush(link->connection.get());
    if (left == 1) return wait(link, false);
    if (left < 0) fail(*link, "cannot send to postgres");
  }

  void on_readable(const LinkPtr& link) {
    PGconn* connection = link->connection.get();
    if (PQconsumeInput(connection) == 0) {
      // Closed while idle (a server restart, say): made again when next needed.
      if (link->phase == Link::Phase::ready) return drop(*link);
      return fail(*link, "the connection to postgres ended");
    }
    if (link->phase == Link::Phase::ready) return wait(link, true);  // a notice while idle
    while (PQisBusy(connection) == 0) {
      Result result(PQgetResult(connection));
      if (!result) return finished(link);
      if (!link->first) link->first = std::move(result);  // a statement answers with one
    }
    wait(link, true);
  }

  // What was in flight on `link` has all its results.
  void finished(const LinkPtr& link) {
    const Result result = std::move(link->first);
    const auto status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    const bool ok = status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK;
    if (link->phase == Link::Phase::setting_up) {
      if (!ok) {
        return fail(*link, "cannot set up the postgres connection",
                    result ? trimmed(PQresultErrorMessage(result.get())) : "no result");
      }
      ++link->setup_step;
      return send_setup(link);
    }
    auto job = std::move(link->job);
    link->phase = Link::Phase::ready;
    Reply reply;
    if (!ok) {
      reply.error = result ? trimmed(PQresultErrorMessage(result.get())) : "no result";
      const char* state = result ? PQresultErrorField(result.get(), PG_DIAG_SQLSTATE) : nullptr;
      if (state != nullptr && !is_unavailable_state(state)) reply.kind = Reply::Kind::refused;
    } else if (PQntuples(result.get()) == 0) {
      reply.kind = Reply::Kind::none;
    } else {
      reply.kind = Reply::Kind::row;
      const int columns = PQnfields(result.get());
      reply.columns.reserve(static_cast<std::size_t>(columns));
      for (int c = 0; c < columns; ++c) {
        if (PQgetisnull(result.get(), 0, c) != 0) {
          reply.columns.emplace_back();
        } else {
          reply.columns.emplace_back(std::in_place, PQgetvalue(result.get(), 0, c),
                                     static_cast<std::size_t>(PQgetlength(result.get(), 0, c)));
        }
      }
    }
    if (job) complete(job, std::move(reply));
    // A statement's own error (a timeout, say) leaves the session usable; a broken one is not.
    if (PQstatus(link->connection.get()) != CONNECTION_OK) {
      drop(*link);
    } else {
      wait(link, true);
    }
    pump();
  }

  Strand strand;
  std::string conninfo;
  std::chrono::milliseconds timeout;
  std::string statement_timeout;
  std::vector<Statement> statements;
  std::vector<LinkPtr> links;
  std::deque<std::shared_ptr<Job>> queue;
  std::optional<Clock::time_point> refused_at;
  std::string refusal;  // why the last connection failed to be made
  bool closing = false;
};

AsyncPostgres::AsyncPostgres(asio::io_context& io, const PoolSettings& settings,
                             std::vector<Statement> statements)
    : state_(std::make_shared<State>(io, settings, std::move(statements))) {}

AsyncPostgres::~AsyncPostgres() {
  state_->closing = true;
  for (auto& link : state_->links) {
    if (link) state_->drop(*link);
  }
  state_->queue.clear();
}

void AsyncPostgres::query_row(std::string name, std::vector<std::string> params, Done done) {
  asio::post(state_->strand, [state = state_, name = std::move(name), params = std::move(params),
                              done = std::move(done)]() mutable {
    state->submit(std::make_shared<State::Job>(state->strand, std::move(name), std::move(params),
                                               std::move(done)));
  });
}

}  // namespace ld::postgres
