// How a store answered a health probe, for /ready.
#pragma once

#include <optional>
#include <string>

namespace ld {

struct StoreStatus {
  bool up = false;
  double latency_ms = 0;
  std::string error;        // why it is down; empty when up
  std::optional<bool> aof;  // Redis only: whether append-only persistence is on
};

}  // namespace ld
