// Shared set-up of the Redis tests: the test database (db 1 of the local Redis, emptied before
// every test), a raw connection to look at what landed there, and orders to store.
#pragma once

#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "core/ids.hpp"
#include "core/metrics.hpp"
#include "domain/orders/pricing.hpp"
#include "storage/redis/redis_connection.hpp"
#include "storage/redis/redis_store.hpp"
#include "support/redis_stores.hpp"
#include "support/s2_process.hpp"
#include "support/silent_server.hpp"
#include "support/test_env.hpp"

namespace ld::test {

inline RedisSettings redis_settings() {
  RedisSettings s;
  s.url = redis_url();
  s.pool_size = 8;
  s.timeout = std::chrono::milliseconds(2000);
  return s;
}

// A direct connection to the test database, for checking keys by hand.
inline redis::RedisConnection inspector() {
  return redis::RedisConnection(redis::parse_url(redis_url()), std::chrono::milliseconds(2000));
}

inline std::vector<std::string> strings(const redis::Reply& reply) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < reply->elements; ++i)
    out.push_back(redis::reply_text(reply->element[i]));
  return out;
}

class RedisTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto c = inspector();
    const auto reply = c.command({"FLUSHDB"});
    ASSERT_EQ(redis::reply_text(reply.get()), "OK");
  }

  static Order order_for(std::int64_t customer_id, clock::Millis created_at,
                         std::string id = ids::new_uuid_v7()) {
    return price_order(std::move(id), customer_id,
                       {{"65f0a1b2c3d4e5f601234567", "Vidas Secas", Money{3990, "BRL"}, 2},
                        {"65f0a1b2c3d4e5f601234568", "Macunaíma", Money{2550, "BRL"}, 1}},
                       created_at);
  }

  Metrics metrics_;
};

}  // namespace ld::test
