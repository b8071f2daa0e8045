// Redis stopped and started by scripts/stores.sh (the local stores' own script), for the tests of
// what S2 does while Redis is away.
#pragma once

#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "storage/redis/redis_connection.hpp"
#include "support/s2_process.hpp"
#include "support/test_env.hpp"

namespace ld::test {

// Runs `scripts/stores.sh <args>`, e.g. "stop redis"; after a start or restart, waits until Redis
// has loaded its append-only file and serves commands (until then it answers LOADING, which S2
// rightly reports as unavailable).
inline void stores(const std::string& args) {
  const auto command = source_path("scripts/stores.sh") + " " + args + " >/dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  if (args.rfind("stop", 0) == 0) return;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    try {
      redis::RedisConnection c(redis::parse_url(redis_url()), std::chrono::milliseconds(1000));
      if (redis::reply_text(c.command({"PING"}).get()) == "PONG") return;
    } catch (const std::exception&) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  FAIL() << "Redis did not come back within 60 s";
}

}  // namespace ld::test
