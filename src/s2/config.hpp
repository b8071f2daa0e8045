// S2's configuration: built-in defaults for a local run, then a .env file, then the environment,
// then command-line flags (each overriding the one before). .env.example documents every variable.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include "http/server.hpp"
#include "storage/mongo/mongo_settings.hpp"
#include "storage/postgres/postgres_settings.hpp"
#include "storage/redis/redis_settings.hpp"

namespace ld::s2 {

// Workers beyond one per pooled connection, for what needs no store (/health, /metrics, errors
// answered before any store is asked).
inline constexpr std::size_t kSpareWorkers = 4;

struct Config {
  http::ServerSettings server;
  std::size_t workers = 36;  // S2_WORKERS; by default pooled_connections() + kSpareWorkers
  std::size_t queue_limit = 1024;
  std::string api_token;
  std::string log_format = "text";
  std::string log_level = "info";
  PostgresSettings postgres;
  MongoSettings mongo;
  RedisSettings redis;
  // Stock holds older than this whose orders are not stored are given back (the sweep runs
  // every quarter of it). Far longer than any request lives.
  std::chrono::milliseconds stock_hold_expiry{120'000};
  std::chrono::milliseconds drain_timeout{10'000};
  std::chrono::seconds startup_timeout{60};
  // GET /orders/{id} and GET /customers/{id} answered on the I/O thread (s2/order_fast_lane.hpp,
  // s2/customer_fast_lane.hpp); S2_FAST_LANE=0 sends them to the workers like every other
  // request.
  bool fast_lane = true;

  // The connections of the three pools together.
  std::size_t pooled_connections() const;
};

// Exits the process with a usage message on bad flags or values.
Config load_config(int argc, char** argv);

}  // namespace ld::s2
