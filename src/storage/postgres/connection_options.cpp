#include "storage/postgres/connection_options.hpp"

#include <algorithm>

namespace ld::postgres {

namespace {
bool is_uri(const std::string& conninfo) {
  return conninfo.rfind("postgresql://", 0) == 0 || conninfo.rfind("postgres://", 0) == 0;
}
}  // namespace

std::string with_connect_timeout(const std::string& conninfo, std::chrono::milliseconds timeout) {
  if (conninfo.find("connect_timeout=") != std::string::npos) return conninfo;
  const auto seconds = std::max<long long>(2, (timeout.count() + 999) / 1000);
  const std::string option = "connect_timeout=" + std::to_string(seconds);
  if (conninfo.empty()) return option;
  if (is_uri(conninfo)) {
    return conninfo + (conninfo.find('?') == std::string::npos ? "?" : "&") + option;
  }
  return conninfo + " " + option;
}

}  // namespace ld::postgres
