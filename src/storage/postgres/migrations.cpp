#include "storage/postgres/migrations.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/store_call.hpp"

namespace ld::postgres {

namespace {

// Any fixed number will do as long as nothing else in the database uses it: "LDMIGR".
constexpr std::int64_t kMigrationLock = 0x4c444d494752;

constexpr const char* kCreateHistory = R"(
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version    integer PRIMARY KEY,
    name       text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  ))";
constexpr const char* kSelectHistory = "SELECT version, name FROM schema_migrations";
constexpr const char* kRecord = "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)";

Error internal(std::string message) {
  return Error(ErrorKind::internal, "The server could not complete the request.", {},
               std::move(message));
}

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw internal("cannot read migration " + file.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::vector<Migration> find_migrations(const std::filesystem::path& dir) {
  static const std::regex kFileName(R"(^([0-9]{3})_([a-z0-9_]+)\.sql$)");
  std::vector<Migration> out;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string file_name = entry.path().filename().string();
    std::smatch m;
    if (!entry.is_regular_file() || !std::regex_match(file_name, m, kFileName)) continue;
    out.push_back({std::stoi(m[1].str()), m[2].str(), entry.path()});
  }
  if (ec) throw internal("cannot list migrations in " + dir.string() + ": " + ec.message());
  std::sort(out.begin(), out.end(),
            [](const Migration& a, const Migration& b) { return a.version < b.version; });
  const auto twin = std::adjacent_find(
      out.begin(), out.end(),
      [](const Migration& a, const Migration& b) { return a.version == b.version; });
  if (twin != out.end())
    throw internal(fmt::format("two migrations share version {}", twin->version));
  return out;
}

int apply_migrations(pqxx::connection& connection, const std::vector<Migration>& migrations,
                     Metrics& metrics) {
  StoreCall call(metrics, Store::postgres, "migrate");
  try {
    std::map<int, std::string> applied;
    {
      // A session lock, held until the end or until the connection closes: a process that dies
      // midway cannot leave the others waiting forever.
      pqxx::nontransaction session(connection);
      session.exec_params("SELECT pg_advisory_lock($1)", kMigrationLock);
      session.exec(kCreateHistory);
      for (const auto& row : session.exec(kSelectHistory)) {
        applied.emplace(row[0].as<int>(), row[1].as<std::string>());
      }
    }
    int count = 0;
    for (const auto& m : migrations) {
      if (const auto it = applied.find(m.version); it != applied.end()) {
        if (it->second != m.name) {
          throw internal(fmt::format("migration {} is recorded as '{}' but the file is '{}'",
                                     m.version, it->second, m.file.filename().string()));
        }
        continue;
      }
      pqxx::work tx(connection, "migration");
      tx.exec(read_file(m.file));
      tx.exec_params(kRecord, m.version, m.name);
      tx.commit();
      ++count;
    }
    pqxx::nontransaction(connection).exec_params("SELECT pg_advisory_unlock($1)", kMigrationLock);
    return count;
  } catch (...) {
    call.failed();
    throw;
  }
}

}  // namespace ld::postgres
