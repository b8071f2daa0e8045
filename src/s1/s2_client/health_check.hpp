// The one GET /health before a run: if S2 is not there, say so once, clearly, and stop.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "s1/audit_log/audit_entry.hpp"

namespace ld::s1 {

struct HealthCheck {
  AttemptRecord attempt;               // for the log, once it is open
  std::optional<std::string> problem;  // the message to show when S2 can't be used
};

HealthCheck check_health(const std::string& base_url, std::chrono::milliseconds timeout,
                         const std::string& request_id);

}  // namespace ld::s1
