// How S2 reaches PostgreSQL. A header of its own, so configuration needs no driver.
#pragma once

#include <chrono>
#include <string>

namespace ld {

struct PostgresSettings {
  std::string url;  // postgresql://user@host:port/db (or a keyword/value connection string)
  int pool_size = 8;
  std::chrono::milliseconds timeout{2000};  // pool wait, connect, statement_timeout, watchdog
  std::string migrations_dir = LD_MIGRATIONS_DIR;
};

}  // namespace ld
