// hiredis behind RAII. hiredis marks the context with err != 0 after any network failure or
// timeout and never recovers it, so such a connection is thrown away by the pool.
#include "storage/redis/redis_connection.hpp"

#include <poll.h>

#include <string_view>

#include <fmt/format.h>

#include "core/error.hpp"

namespace ld::redis {

namespace {

timeval to_timeval(std::chrono::milliseconds ms) {
  timeval tv{};
  tv.tv_sec = static_cast<decltype(tv.tv_sec)>(ms.count() / 1000);
  tv.tv_usec = static_cast<decltype(tv.tv_usec)>((ms.count() % 1000) * 1000);
  return tv;
}

struct ArgvView {
  std::vector<const char*> data;
  std::vector<std::size_t> sizes;
  explicit ArgvView(const Argv& argv) {
    data.reserve(argv.size());
    sizes.reserve(argv.size());
    for (const auto& arg : argv) {
      data.push_back(arg.data());
      sizes.push_back(arg.size());
    }
  }
  int count() const { return static_cast<int>(data.size()); }
};

}  // namespace

RedisConnection::RedisConnection(const Endpoint& endpoint, std::chrono::milliseconds timeout)
    : context_(redisConnectWithTimeout(endpoint.host.c_str(), endpoint.port, to_timeval(timeout))) {
  if (!context_) throw StoreUnavailable("redis", "cannot allocate a Redis connection");
  if (context_->err != 0) fail("connect");
  if (redisSetTimeout(context_.get(), to_timeval(timeout)) != REDIS_OK) fail("set timeout");
  // Keep-alive lets the kernel notice a peer that vanished without closing the socket.
  redisEnableKeepAlive(context_.get());
  if (!endpoint.password.empty()) {
    Argv auth{"AUTH"};
    if (!endpoint.username.empty()) auth.push_back(endpoint.username);
    auth.push_back(endpoint.password);
    const auto reply = command(auth);
    if (reply->type == REDIS_REPLY_ERROR) {
      throw StoreUnavailable("redis", "AUTH refused: " + reply_text(reply.get()));
    }
  }
  if (endpoint.db != 0) {
    const auto reply = command({"SELECT", std::to_string(endpoint.db)});
    if (reply->type == REDIS_REPLY_ERROR) {
      throw StoreUnavailable("redis", "SELECT refused: " + reply_text(reply.get()));
    }
  }
}

void RedisConnection::fail(const char* what) const {
  throw StoreUnavailable(
      "redis", fmt::format("redis {}: {}", what, context_ ? context_->errstr : "no context"));
}

Reply RedisConnection::command(const Argv& argv) {
  if (broken()) fail("command on a broken connection");
  ArgvView view(argv);
  Reply reply(static_cast<redisReply*>(
      redisCommandArgv(context_.get(), view.count(), view.data.data(), view.sizes.data())));
  if (!reply) fail(argv.empty() ? "command" : argv.front().c_str());
  return reply;
}

std::vector<Reply> RedisConnection::pipeline(const std::vector<Argv>& commands) {
  if (broken()) fail("pipeline on a broken connection");
  for (const auto& argv : commands) {
    ArgvView view(argv);
    if (redisAppendCommandArgv(context_.get(), view.count(), view.data.data(), view.sizes.data()) !=
        REDIS_OK) {
      fail("pipeline");
    }
  }
  std::vector<Reply> replies;
  replies.reserve(commands.size());
  for (std::size_t i = 0; i < commands.size(); ++i) {
    void* raw = nullptr;
    if (redisGetReply(context_.get(), &raw) != REDIS_OK || raw == nullptr) {
      freeReplyObject(raw);
      fail("pipeline");
    }
    replies.emplace_back(static_cast<redisReply*>(raw));
  }
  return replies;
}

bool RedisConnection::still_open() const {
  if (broken()) return false;
  pollfd fd{context_->fd, POLLIN, 0};
  // Nothing is pending on a healthy idle connection; readable means EOF or an error.
  return ::poll(&fd, 1, 0) == 0;
}

std::string reply_text(const redisReply* reply) {
  if (reply == nullptr || reply->str == nullptr) return {};
  if (reply->type != REDIS_REPLY_STRING && reply->type != REDIS_REPLY_STATUS &&
      reply->type != REDIS_REPLY_ERROR) {
    return {};
  }
  return std::string(reply->str, reply->len);
}

void throw_reply_error(const redisReply* reply, const char* what) {
  const std::string message = reply_text(reply);
  const std::string internal = fmt::format("redis {}: {}", what, message);
  for (std::string_view transient :
       {"LOADING", "BUSY", "READONLY", "MASTERDOWN", "OOM", "TRYAGAIN", "CLUSTERDOWN", "MISCONF"}) {
    if (std::string_view(message).substr(0, transient.size()) == transient) {
      throw StoreUnavailable("redis", internal);
    }
  }
  throw Error(ErrorKind::internal, "The order store gave an unexpected answer.", {}, internal);
}

void expect_ok(const redisReply* reply, const char* what) {
  if (reply == nullptr) throw StoreUnavailable("redis", fmt::format("redis {}: no reply", what));
  if (reply->type == REDIS_REPLY_ERROR) throw_reply_error(reply, what);
  if (reply->type != REDIS_REPLY_STATUS && reply->type != REDIS_REPLY_STRING) {
    throw Error(ErrorKind::internal, "The order store gave an unexpected answer.", {},
                fmt::format("redis {}: unexpected reply type {}", what, reply->type));
  }
}

}  // namespace ld::redis
