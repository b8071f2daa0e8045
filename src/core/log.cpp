#include "core/log.hpp"

#include <atomic>

#include "core/clock.hpp"

namespace ld::log {

namespace {
std::atomic<bool> json_format{false};
}

void setup(const std::string& format, const std::string& level) {
  json_format = format == "json";
  spdlog::set_level(spdlog::level::from_str(level));
  if (json_format) {
    spdlog::set_pattern("%v");
  } else {
    spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %^%-5l%$ %v", spdlog::pattern_time_type::utc);
  }
}

void event(spdlog::level::level_enum level, std::string_view message,
           const nlohmann::json& fields) {
  if (!spdlog::should_log(level)) return;
  constexpr auto replace = nlohmann::json::error_handler_t::replace;
  if (json_format) {
    nlohmann::json line = {{"time", clock::format_rfc3339(clock::now_ms())},
                           {"level", spdlog::level::to_string_view(level).data()},
                           {"msg", message}};
    for (const auto& [k, v] : fields.items()) line[k] = v;
    spdlog::log(level, "{}", line.dump(-1, ' ', false, replace));
    return;
  }
  std::string text(message);
  for (const auto& [k, v] : fields.items()) {
    text += ' ';
    text += k;
    text += '=';
    text += v.is_string() ? v.get<std::string>() : v.dump(-1, ' ', false, replace);
  }
  spdlog::log(level, "{}", text);
}

}  // namespace ld::log
