// What every s1 end-to-end test shares: the isolated stores, one real s2 on them, the fake Google
// Books server, and helpers to read s1's log and verify's table.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "e2e/s1/isolated_stores.hpp"
#include "e2e/s1/s1_process.hpp"
#include "fakes/google_books/fake_google_books_process.hpp"
#include "support/s2_process.hpp"

namespace ld::test {

inline constexpr const char* kGoogleKey = "test-KEY-never-logged";

class S1EndToEnd : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();
  void SetUp() override;

  // A fresh log path for this test.
  std::string log_path(const std::string& name) const;
  // The environment s1 runs with: the fake Google Books and its key.
  static S1Process::Env s1_env();
  // `s1 run` against the suite's s2, with these extra arguments.
  static std::vector<std::string> run_args(const std::string& log, std::vector<std::string> extra);

  static IsolatedStores stores_;
  static std::unique_ptr<FakeGoogleBooksProcess> google_;
  static std::unique_ptr<S2Process> s2_;
};

// The log as JSON (fails the test when it is not valid JSON).
nlohmann::json parse_log(const std::string& path);

// Ids of the records S2 answered 2xx for on POST `route`, once each, in log order.
std::vector<std::string> acknowledged_ids(const nlohmann::json& log, const std::string& route);

// One row of verify's table: created, found, missing, different, duplicates, unchecked.
struct StoreRow {
  long created = -1, found = -1, missing = -1, different = -1, duplicates = -1, unchecked = -1;
};
StoreRow store_row(const std::string& verify_out, const std::string& store);

}  // namespace ld::test
