// The connection the fast lane reads orders through (storage/redis/async_redis.hpp), on a loop of
// its own thread as the HTTP server's: values, nil, many requests pipelined from several threads,
// and a Redis that is hung, stopped or started again. Every request gets exactly one answer.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "redis_fixture.hpp"
#include "storage/redis/async_redis.hpp"
#include "support/loop_thread.hpp"

namespace ld::test {
namespace {

using namespace std::chrono_literals;
using Kind = redis::AsyncRedis::Reply::Kind;

// The connection on a loop of its own thread, as the HTTP server's.
class Loop : public LoopThread<redis::AsyncRedis> {
 public:
  explicit Loop(const RedisSettings& settings) : LoopThread(settings) {}

  redis::AsyncRedis& redis() { return client(); }

  // One GET, waited for.
  redis::AsyncRedis::Reply get(const std::string& key) {
    return answer_of<redis::AsyncRedis::Reply>(
        [&](auto done) { redis().get(key, std::move(done)); }, key);
  }
};

class AsyncRedisTest : public RedisTest {};

TEST_F(AsyncRedisTest, ReadsAValueAndNilFromTheConfiguredDatabase) {
  inspector().command({"SET", "livro", "Dom Casmurro"});
  Loop loop(redis_settings());
  const auto found = loop.get("livro");
  EXPECT_EQ(found.kind, Kind::value);
  EXPECT_EQ(found.text, "Dom Casmurro");
  EXPECT_EQ(loop.get("nenhum").kind, Kind::nil);
}

TEST_F(AsyncRedisTest, ManyRequestsFromSeveralThreadsEachGetTheirOwnAnswer) {
  constexpr int kKeys = 50;
  constexpr int kThreads = 4;
  constexpr int kEach = 500;
  for (int k = 0; k < kKeys; ++k) {
    inspector().command({"SET", fmt::format("k{}", k), fmt::format("v{}", k)});
  }
  Loop loop(redis_settings());
  expect_every_answer_right(kThreads, kEach, [&](int t, int i, auto answered) {
    const int k = (t * kEach + i) % kKeys;
    loop.redis().get(fmt::format("k{}", k), [k, answered](redis::AsyncRedis::Reply r) {
      answered(r.kind == Kind::value && r.text == fmt::format("v{}", k));
    });
  });
}

TEST_F(AsyncRedisTest, AHungRedisFailsWithinTheTimeout) {
  SilentServer hung;
  auto settings = redis_settings();
  settings.url = fmt::format("redis://127.0.0.1:{}/1", hung.port());
  settings.timeout = 300ms;
  Loop loop(settings);
  const auto start = std::chrono::steady_clock::now();
  const auto reply = loop.get("livro");
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(reply.kind, Kind::failed);
  EXPECT_GE(waited, 250ms);
  EXPECT_LT(waited, 2s);
}

TEST_F(AsyncRedisTest, RedisStoppedFailsAtOnceAndStartedAnswersAgain) {
  inspector().command({"SET", "livro", "Iracema"});
  Loop loop(redis_settings());
  EXPECT_EQ(loop.get("livro").kind, Kind::value);
  stores("stop redis");
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(loop.get("livro").kind, Kind::failed);  // the connection it had ended
  EXPECT_EQ(loop.get("livro").kind, Kind::failed);  // refused: nothing listens
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);
  stores("start redis");
  // The next request after the pause connects again; nothing is restarted.
  std::this_thread::sleep_for(redis::AsyncRedis::kReconnectPause + 50ms);
  const auto back = loop.get("livro");
  EXPECT_EQ(back.kind, Kind::value);
  EXPECT_EQ(back.text, "Iracema");  // kept by the append-only file
}

}  // namespace
}  // namespace ld::test
