// What S1's tests against a local HTTP server share: S2's target at that server and a fresh
// audit log in the test's temporary folder, read back as JSON.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "s1/audit_log/audit_log.hpp"
#include "s1/report/traffic_stats.hpp"
#include "s1/s2_client/s2_connection.hpp"

namespace ld::test {

struct LoggedTarget {
  LoggedTarget(const std::string& name, const std::string& base_url, std::string token = "")
      : log_path(::testing::TempDir() + "/" + name + "-" + std::to_string(::getpid()) + "-" +
                 std::to_string(counter++) + ".json"),
        target{base_url, std::move(token), std::chrono::milliseconds(3000), "test"},
        log(log_path) {}

  nlohmann::json log_entries() const {
    std::ifstream in(log_path);
    std::stringstream text;
    text << in.rdbuf();
    return nlohmann::json::parse(text.str());
  }

  static inline int counter = 0;
  std::string log_path;
  ld::s1::S2Target target;
  ld::s1::AuditLog log;
  ld::s1::TrafficStats traffic;
};

}  // namespace ld::test
