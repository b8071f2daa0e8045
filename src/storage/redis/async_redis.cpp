// hiredis's asynchronous API on Asio: hiredis says when it wants to read or write the socket
// (the ev hooks below), Asio waits for the descriptor to be ready and hands the event back to
// hiredis. Everything touching a hiredis context runs on one strand, so the loop may have any
// number of threads.
#include "storage/redis/async_redis.hpp"

#include <hiredis/async.h>
#include <hiredis/hiredis.h>

#include "storage/redis/redis_url.hpp"

namespace ld::redis {

namespace {

using Clock = std::chrono::steady_clock;
using Strand = asio::strand<asio::io_context::executor_type>;

// One connection: hiredis's context and the descriptor Asio watches for it. hiredis owns the
// context and frees it once the connection ends; `alive` says whether it still exists.
struct Link : std::enable_shared_from_this<Link> {
  explicit Link(const Strand& strand) : fd(strand) {}

  redisAsyncContext* context = nullptr;
  asio::posix::stream_descriptor fd;  // hiredis's socket, watched but never closed by Asio
  bool alive = true;
  bool connected = false;  // the connection was made (else: refused or failed while making it)
  Clock::time_point ended{};
  bool reading = false;
  bool writing = false;
  bool read_armed = false;
  bool write_armed = false;

  // One wait at a time per direction; hiredis turning a direction off and on again while a wait
  // is armed simply finds that wait still there.
  void arm(bool read) {
    bool& armed = read ? read_armed : write_armed;
    if (armed || !alive) return;
    armed = true;
    fd.async_wait(read ? asio::posix::stream_descriptor::wait_read
                       : asio::posix::stream_descriptor::wait_write,
                  [self = shared_from_this(), read](const asio::error_code& error) {
                    (read ? self->read_armed : self->write_armed) = false;
                    const bool& wanted = read ? self->reading : self->writing;
                    if (error || !self->alive || !wanted) return;
                    if (read) {
                      redisAsyncHandleRead(self->context);
                    } else {
                      redisAsyncHandleWrite(self->context);
                    }
                    // The event may have ended the connection (and freed its context).
                    if (self->alive && wanted) self->arm(read);
                  });
  }

  void end() {
    alive = false;
    reading = writing = false;
    ended = Clock::now();
  }
};

Link& link_of(void* data) {
  return *static_cast<Link*>(data);
}

void add_read(void* data) {
  link_of(data).reading = true;
  link_of(data).arm(true);
}
void del_read(void* data) {
  link_of(data).reading = false;
}
void add_write(void* data) {
  link_of(data).writing = true;
  link_of(data).arm(false);
}
void del_write(void* data) {
  link_of(data).writing = false;
}
// The context is being freed: hiredis closes the socket itself.
void cleanup(void* data) {
  auto& link = link_of(data);
  link.end();
  link.fd.release();
}

void on_connect(const redisAsyncContext* context, int status) {
  auto& link = link_of(context->data);
  if (status == REDIS_OK) {
    link.connected = true;
  } else {
    link.end();  // hiredis frees the context after this returns
  }
}

void on_disconnect(const redisAsyncContext* context, int) {
  link_of(context->data).end();
}

// AUTH and SELECT: a refusal ends the connection, so no GET runs as the wrong user or database.
void on_setup_reply(redisAsyncContext* context, void* reply, void*) {
  const auto* r = static_cast<redisReply*>(reply);
  if (r != nullptr && r->type == REDIS_REPLY_ERROR) redisAsyncDisconnect(context);
}

}  // namespace

struct AsyncRedis::State : std::enable_shared_from_this<AsyncRedis::State> {
  State(asio::io_context& io, const RedisSettings& settings)
      : strand(asio::make_strand(io)),
        endpoint(parse_url(settings.url)),
        timeout(settings.timeout) {}

  // One GET waiting for its reply, or for its timeout, whichever comes first.
  struct Pending {
    Pending(const Strand& strand, Done d, std::shared_ptr<State> s)
        : done(std::move(d)), timer(strand), state(std::move(s)) {}
    Done done;
    asio::steady_timer timer;
    std::shared_ptr<State> state;
    bool finished = false;

    void complete(Reply reply) {
      if (finished) return;
      finished = true;
      timer.cancel();
      if (!state->closing) done(std::move(reply));
    }
  };

  static void on_reply(redisAsyncContext*, void* reply, void* privdata) {
    const std::unique_ptr<std::shared_ptr<Pending>> held(
        static_cast<std::shared_ptr<Pending>*>(privdata));
    const auto* r = static_cast<redisReply*>(reply);
    Reply out;
    if (r == nullptr) {
      out.text = "the connection to redis ended";
    } else if (r->type == REDIS_REPLY_NIL) {
      out.kind = Reply::Kind::nil;
    } else if (r->type == REDIS_REPLY_STRING) {
      out = {Reply::Kind::value, std::string(r->str, r->len)};
    } else if (r->type == REDIS_REPLY_ERROR) {
      out.text = std::string(r->str, r->len);
    } else {
      out.text = "unexpected reply type";
    }
    (*held)->complete(std::move(out));
  }

  std::shared_ptr<Link> connect() {
    redisAsyncContext* context = redisAsyncConnect(endpoint.host.c_str(), endpoint.port);
    if (context == nullptr) return nullptr;
    auto made = std::make_shared<Link>(strand);
    made->context = context;
    asio::error_code error;
    if (context->err == 0) made->fd.assign(context->c.fd, error);
    if (context->err != 0 || error) {
      if (!error && context->err == 0) made->fd.release();
      redisAsyncFree(context);
      made->end();
      return made;  // dead from the start: the pause before the next try applies
    }
    context->data = made.get();
    context->ev.data = made.get();
    context->ev.addRead = add_read;
    context->ev.delRead = del_read;
    context->ev.addWrite = add_write;
    context->ev.delWrite = del_write;
    context->ev.cleanup = cleanup;
    redisAsyncSetConnectCallback(context, on_connect);
    redisAsyncSetDisconnectCallback(context, on_disconnect);
    if (!endpoint.password.empty()) {
      if (endpoint.username.empty()) {
        redisAsyncCommand(context, on_setup_reply, nullptr, "AUTH %b", endpoint.password.data(),
                          endpoint.password.size());
      } else {
        redisAsyncCommand(context, on_setup_reply, nullptr, "AUTH %b %b", endpoint.username.data(),
                          endpoint.username.size(), endpoint.password.data(),
                          endpoint.password.size());
      }
    }
    if (endpoint.db != 0) {
      redisAsyncCommand(context, on_setup_reply, nullptr, "SELECT %d", endpoint.db);
    }
    return made;
  }

  void send(const std::string& key, Done done) {
    auto pending = std::make_shared<Pending>(strand, std::move(done), shared_from_this());
    if (!link || !link->alive) {
      if (link && !link->connected && Clock::now() - link->ended < kReconnectPause) {
        pending->complete({Reply::Kind::failed, "redis refused the connection a moment ago"});
        return;
      }
      link = connect();
      if (!link || !link->alive) {
        pending->complete({Reply::Kind::failed, "cannot connect to redis"});
        return;
      }
    }
    const char* argv[] = {"GET", key.c_str()};
    const std::size_t lengths[] = {3, key.size()};
    auto* held = new std::shared_ptr<Pending>(pending);
    if (redisAsyncCommandArgv(link->context, on_reply, held, 2, argv, lengths) != REDIS_OK) {
      delete held;
      pending->complete({Reply::Kind::failed, "the connection to redis is ending"});
      return;
    }
    pending->timer.expires_after(timeout);
    pending->timer.async_wait(
        [pending, stuck = std::weak_ptr<Link>(link)](const asio::error_code& error) {
          if (error || pending->finished) return;
          pending->complete({Reply::Kind::failed, "redis did not answer in time"});
          // Replies come in order: one this late holds up every request behind it. The
          // connection goes (failing those requests now) and the next request makes a new one.
          if (const auto l = stuck.lock(); l && l->alive) redisAsyncFree(l->context);
        });
  }

  Strand strand;
  Endpoint endpoint;
  std::chrono::milliseconds timeout;
  std::shared_ptr<Link> link;
  bool closing = false;
};

AsyncRedis::AsyncRedis(asio::io_context& io, const RedisSettings& settings)
    : state_(std::make_shared<State>(io, settings)) {}

AsyncRedis::~AsyncRedis() {
  state_->closing = true;
  if (state_->link && state_->link->alive) redisAsyncFree(state_->link->context);
}

void AsyncRedis::get(std::string key, Done done) {
  asio::post(state_->strand,
             [state = state_, key = std::move(key), done = std::move(done)]() mutable {
               state->send(key, std::move(done));
             });
}

}  // namespace ld::redis
