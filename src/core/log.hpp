// Logging through spdlog, as plain text lines or as one JSON object per line. Events carry
// structured fields so both forms say the same; secrets are never passed here.
#pragma once

#include <string>
#include <string_view>

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

namespace ld::log {

// format: "text" or "json"; level: trace|debug|info|warn|error.
void setup(const std::string& format, const std::string& level);

// text:  "<message> key=value key=value"   json: {"time":..,"level":..,"msg":..,"key":value}
void event(spdlog::level::level_enum level, std::string_view message,
           const nlohmann::json& fields = nlohmann::json::object());

}  // namespace ld::log
