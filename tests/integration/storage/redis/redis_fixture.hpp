// Shared set-up of the Redis tests: the test database (db 1 of the local Redis, emptied before
// every test), a raw connection to look at what landed there, and orders to store.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

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

// A TCP port that accepts connections (the kernel's backlog does) but never answers: a hung store.
class SilentServer {
 public:
  SilentServer() : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::listen(fd_, 16);
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
  }
  ~SilentServer() { ::close(fd_); }
  SilentServer(const SilentServer&) = delete;
  SilentServer& operator=(const SilentServer&) = delete;
  int port() const { return port_; }

 private:
  int fd_;
  int port_ = 0;
};

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
