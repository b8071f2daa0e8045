// How S2 reaches Redis. A header of its own, so configuration needs no driver.
#pragma once

#include <chrono>
#include <string>

namespace ld {

struct RedisSettings {
  std::string url = "redis://127.0.0.1:6379/0";
  int pool_size = 8;
  std::chrono::milliseconds timeout{2000};  // connect, each command, and waiting for the pool
  // How long a keyed request holds its key while running (a crashed S2 frees it after this),
  // and how long its answer is kept for replays.
  std::chrono::milliseconds idempotency_lock{std::chrono::seconds(5)};
  std::chrono::milliseconds idempotency_keep{std::chrono::hours(24)};
  // The lease on the claim of an order being placed (OrderRepository::begin_placing): the
  // holds of an attempt whose S2 died go back within about this time.
  std::chrono::milliseconds placing_lease{std::chrono::seconds(5)};
};

}  // namespace ld
