// Schema migrations against a real server, on a scratch database created fresh for this program
// so that "from nothing" really starts from nothing.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "core/error.hpp"
#include "pg_test_support.hpp"
#include "storage/postgres/migrations.hpp"
#include "support/test_env.hpp"

namespace ld {
namespace {

const char* kScratchDb = "livros_test_migrations";

// pg_url() with the database name replaced.
std::string scratch_url() {
  std::string url = test::pg_url();
  const auto query = url.find('?');
  const auto slash = url.rfind('/', query);
  return url.substr(0, slash + 1) + kScratchDb +
         (query == std::string::npos ? "" : url.substr(query));
}

class Migrations : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    pqxx::connection admin(test::pg_url());
    pqxx::nontransaction tx(admin);
    tx.exec(std::string("DROP DATABASE IF EXISTS ") + kScratchDb + " WITH (FORCE)");
    tx.exec(std::string("CREATE DATABASE ") + kScratchDb);
  }

  static PostgresSettings settings() {
    PostgresSettings s = test::pg_settings();
    s.url = scratch_url();
    return s;
  }

  static std::string value(const std::string& sql) {
    pqxx::connection c(scratch_url());
    const auto rows = pqxx::nontransaction(c).exec(sql);
    return rows.empty() || rows[0][0].is_null() ? "" : rows[0][0].as<std::string>();
  }

  Metrics metrics_;
};

// Runs first (gtest keeps declaration order within a suite): the database is still empty.
TEST_F(Migrations, ConcurrentFirstRunsApplyEachFileExactlyOnce) {
  PostgresStore a(settings(), metrics_);
  PostgresStore b(settings(), metrics_);
  std::exception_ptr error_a, error_b;
  std::thread ta([&] {
    try {
      a.migrate();
    } catch (...) {
      error_a = std::current_exception();
    }
  });
  std::thread tb([&] {
    try {
      b.migrate();
    } catch (...) {
      error_b = std::current_exception();
    }
  });
  ta.join();
  tb.join();
  EXPECT_FALSE(error_a);
  EXPECT_FALSE(error_b);
  const auto files = postgres::find_migrations(settings().migrations_dir);
  EXPECT_EQ(value("SELECT count(*) FROM schema_migrations"), std::to_string(files.size()));
  EXPECT_EQ(value("SELECT count(DISTINCT version) FROM schema_migrations"),
            std::to_string(files.size()));
  EXPECT_EQ(value("SELECT to_regclass('customers') IS NOT NULL"), "t");
  EXPECT_EQ(value("SELECT to_regclass('customer_addresses') IS NOT NULL"), "t");
}

TEST_F(Migrations, RunningAgainIsANoOp) {
  PostgresStore store(settings(), metrics_);
  store.migrate();
  const std::string before = value(
      "SELECT string_agg(version || ':' || applied_at, ',' "
      "ORDER BY version) FROM schema_migrations");
  store.migrate();
  store.migrate();
  EXPECT_EQ(value("SELECT string_agg(version || ':' || applied_at, ',' "
                  "ORDER BY version) FROM schema_migrations"),
            before);
}

TEST_F(Migrations, HistoryRecordsVersionNameAndTime) {
  PostgresStore(settings(), metrics_).migrate();
  EXPECT_EQ(value("SELECT name FROM schema_migrations WHERE version = 1"), "customers");
  EXPECT_EQ(value("SELECT applied_at <= now() FROM schema_migrations WHERE version = 1"), "t");
}

TEST_F(Migrations, ARecordedVersionWithAnotherNameIsRefused) {
  PostgresStore store(settings(), metrics_);
  store.migrate();
  value("UPDATE schema_migrations SET name = 'renamed' WHERE version = 1 RETURNING 1");
  try {
    store.migrate();
    ADD_FAILURE() << "expected an internal Error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::internal);
    EXPECT_NE(e.internal().find("renamed"), std::string::npos);
  }
  value("UPDATE schema_migrations SET name = 'customers' WHERE version = 1 RETURNING 1");
}

TEST_F(Migrations, AFailingMigrationLeavesNoTraceAndNamesTheProblem) {
  const auto dir = std::filesystem::temp_directory_path() / "ld_migrations_failing";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  for (const auto& m : postgres::find_migrations(settings().migrations_dir)) {
    std::filesystem::copy_file(m.file, dir / m.file.filename());
  }
  std::ofstream(dir / "900_broken.sql") << "CREATE TABLE half_done (id int);\nSELECT nope();\n";
  PostgresSettings s = settings();
  s.migrations_dir = dir.string();
  PostgresStore store(s, metrics_);
  EXPECT_THROW(store.migrate(), Error);
  EXPECT_EQ(value("SELECT to_regclass('half_done') IS NULL"), "t");
  EXPECT_EQ(value("SELECT count(*) FROM schema_migrations WHERE version = 900"), "0");
  std::filesystem::remove_all(dir);
}

TEST(MigrationFiles, AreFoundByVersionAndOtherFilesIgnored) {
  const auto dir = std::filesystem::temp_directory_path() / "ld_migrations_listing";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  for (const char* name : {"010_later.sql", "002_second.sql", "README.md", "3_short.sql"}) {
    std::ofstream(dir / name) << "SELECT 1;";
  }
  const auto found = postgres::find_migrations(dir);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].version, 2);
  EXPECT_EQ(found[0].name, "second");
  EXPECT_EQ(found[1].version, 10);
  std::ofstream(dir / "002_twin.sql") << "SELECT 1;";
  EXPECT_THROW(postgres::find_migrations(dir), Error);
  std::filesystem::remove_all(dir);
}

TEST(MigrationsWhileDown, ThrowStoreUnavailable) {
  Metrics metrics;
  PostgresSettings s = test::pg_settings();
  s.url = "postgresql://livros@127.0.0.1:1/livros_test";  // nothing listens on port 1
  PostgresStore store(s, metrics);                        // must not throw
  EXPECT_THROW(store.migrate(), StoreUnavailable);
  // The repository retries the pending migrations first, and fails the same way.
  EXPECT_THROW(store.customers().count(), StoreUnavailable);
}

}  // namespace
}  // namespace ld
