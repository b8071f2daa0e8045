// Wiring of the Redis pieces, and the /ready probe.
#include "storage/redis/redis_store.hpp"

#include <string_view>

#include "core/error.hpp"
#include "core/store_busy.hpp"

namespace ld {

RedisStore::RedisStore(RedisSettings settings, Metrics& metrics)
    : pool_(redis::parse_url(settings.url), settings.pool_size, settings.timeout, metrics),
      orders_(pool_, settings.idempotency_keep, settings.placing_lease),
      idempotency_(pool_, settings.idempotency_lock, settings.idempotency_keep) {}

StoreStatus RedisStore::probe() {
  StoreStatus status;
  try {
    pool_.run("ping", [&](redis::RedisConnection& c) {
      const auto start = std::chrono::steady_clock::now();
      const auto pong = c.command({"PING"});
      const std::chrono::duration<double, std::milli> elapsed =
          std::chrono::steady_clock::now() - start;
      redis::expect_ok(pong.get(), "ping");
      status.latency_ms = elapsed.count();
      const auto info = c.command({"INFO", "persistence"});
      redis::expect_ok(info.get(), "info persistence");
      const std::string text = redis::reply_text(info.get());
      const auto at = text.find("aof_enabled:");
      if (at != std::string::npos) status.aof = text.compare(at + 12, 1, "1") == 0;
    });
    status.up = true;
  } catch (const StoreBusy&) {
    // Every connection is busy with requests Redis is answering: it is up (see MongoStore::probe).
    status.up = true;
  } catch (const StoreUnavailable& e) {
    status.error = e.internal();
  } catch (const std::exception& e) {
    status.error = e.what();
  }
  return status;
}

}  // namespace ld
