// How S2 reaches PostgreSQL. A header of its own, so configuration needs no driver.
#pragma once

#include <chrono>
#include <string>

namespace ld {

struct PostgresSettings {
  std::string url;  // postgresql://user@host:port/db (or a keyword/value connection string)
  int pool_size = 8;
  // Connections of the books' list index (book_index), a pool of its own: a flood of searches
  // is refused at its pool's size and never takes the connections customers need.
  int index_pool_size = 8;
  std::chrono::milliseconds timeout{2000};  // connect, and the watchdog of a leased connection
  // The server's statement_timeout for every pooled session (0: the same as `timeout`).
  std::chrono::milliseconds statement_timeout{0};
  std::string migrations_dir = LD_MIGRATIONS_DIR;
};

}  // namespace ld
