#include "core/dotenv.hpp"

#include <cstdlib>
#include <fstream>

#include "core/text.hpp"

namespace ld::dotenv {

bool load(const std::string& path) {
  std::ifstream in(path);
  if (!in) return false;
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
    ::setenv(key.c_str(), value.c_str(), 0);  // 0: never override the real environment
  }
  return true;
}

}  // namespace ld::dotenv
