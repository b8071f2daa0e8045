// Versioned schema migrations: schemas/postgresql/NNN_name.sql, applied in order, each in its own
// transaction and recorded in schema_migrations, under an advisory lock so that several S2
// processes starting at once apply each file exactly once.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "core/metrics.hpp"

namespace ld::postgres {

struct Migration {
  int version = 0;
  std::string name;  // "customers" for 001_customers.sql
  std::filesystem::path file;
};

// The migrations in `dir`, by version. Files not named NNN_name.sql are ignored. Throws an
// internal Error when the folder cannot be read or two files share a version.
std::vector<Migration> find_migrations(const std::filesystem::path& dir);

// Applies the migrations not yet recorded. Throws an internal Error when a recorded version has
// another name than its file (the history was rewritten); pqxx errors pass through.
// Returns how many were applied.
int apply_migrations(pqxx::connection& connection, const std::vector<Migration>& migrations,
                     Metrics& metrics);

}  // namespace ld::postgres
