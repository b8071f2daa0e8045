#include "core/dotenv.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/text.hpp"

namespace ld::dotenv {

std::vector<std::pair<std::string, std::string>> parse(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> settings;
  std::istringstream in{std::string(text)};
  std::string line;
  while (std::getline(in, line)) {
    const auto trimmed = text::trim(line);
    if (trimmed.empty() || trimmed[0] == '#') continue;
    const auto eq = trimmed.find('=');
    if (eq == std::string::npos) continue;
    auto key = text::trim(trimmed.substr(0, eq));
    if (key.rfind("export ", 0) == 0) key = text::trim(key.substr(7));
    auto value = text::trim(trimmed.substr(eq + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    settings.emplace_back(std::move(key), std::move(value));
  }
  return settings;
}

bool load(const std::string& path) {
  std::ifstream in(path);
  if (!in) return false;
  std::stringstream text;
  text << in.rdbuf();
  for (const auto& [key, value] : parse(text.str())) {
    ::setenv(key.c_str(), value.c_str(), 0);  // 0: never override the real environment
  }
  return true;
}

}  // namespace ld::dotenv
