// `s1 verify` end to end: after a clean round, a record changed or removed directly in its store
// (behind S2's back) is caught, named, and makes verify exit non-zero — one store at a time.
#include <algorithm>

#include "e2e/s1/s1_e2e_fixture.hpp"

namespace ld::test {
namespace {

class S1Verify : public S1EndToEnd {
 protected:
  // A small clean round; returns its log path.
  std::string clean_round(const std::string& name) {
    const auto log_file = log_path(name);
    const auto run =
        run_s1(run_args(log_file, {"--customers", "8", "--books", "6", "--orders", "10", "--seed",
                                   "404", "--books-source", "offline"}),
               s1_env());
    EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
    const auto verify = run_s1({"verify", "--log", log_file});
    EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
    return log_file;
  }
};

TEST_F(S1Verify, CatchesACustomerChangedInPostgres) {
  const auto log_file = clean_round("pg-changed");
  const auto id = acknowledged_ids(parse_log(log_file), "/customers").at(0);
  stores_.set_customer_name(std::stoll(id), "Nome Adulterado");
  const auto verify = run_s1({"verify", "--log", log_file});
  EXPECT_EQ(verify.exit_code, 1);
  EXPECT_EQ(store_row(verify.out, "PostgreSQL customers").different, 1) << verify.out;
  EXPECT_EQ(store_row(verify.out, "MongoDB books").different, 0);
  EXPECT_EQ(store_row(verify.out, "Redis orders").different, 0);
  EXPECT_NE(verify.out.find("customer " + id + " "), std::string::npos) << verify.out;
  EXPECT_NE(verify.out.find("name: expected"), std::string::npos);
  EXPECT_NE(verify.out.find("Nome Adulterado"), std::string::npos);
}

TEST_F(S1Verify, CatchesABookChangedInMongo) {
  const auto log_file = clean_round("mongo-changed");
  const auto id = acknowledged_ids(parse_log(log_file), "/books").at(0);
  stores_.set_book_title(id, "Título Adulterado");
  const auto verify = run_s1({"verify", "--log", log_file});
  EXPECT_EQ(verify.exit_code, 1);
  EXPECT_EQ(store_row(verify.out, "MongoDB books").different, 1) << verify.out;
  EXPECT_EQ(store_row(verify.out, "PostgreSQL customers").different, 0);
  // The orders keep their own snapshot of the title, so they still match.
  EXPECT_EQ(store_row(verify.out, "Redis orders").different, 0);
  EXPECT_NE(verify.out.find("book " + id), std::string::npos) << verify.out;
  EXPECT_NE(verify.out.find("title: expected"), std::string::npos);
}

TEST_F(S1Verify, CatchesAnOrderChangedInRedis) {
  const auto log_file = clean_round("redis-changed");
  const auto id = acknowledged_ids(parse_log(log_file), "/orders").at(0);
  stores_.add_to_order_total(id, 100);
  const auto verify = run_s1({"verify", "--log", log_file});
  EXPECT_EQ(verify.exit_code, 1);
  EXPECT_EQ(store_row(verify.out, "Redis orders").different, 1) << verify.out;
  EXPECT_EQ(store_row(verify.out, "PostgreSQL customers").different, 0);
  EXPECT_EQ(store_row(verify.out, "MongoDB books").different, 0);
  EXPECT_NE(verify.out.find("order " + id + ": total"), std::string::npos) << verify.out;
}

TEST_F(S1Verify, CatchesABookRemovedFromMongo) {
  const auto log_file = clean_round("mongo-removed");
  const auto id = acknowledged_ids(parse_log(log_file), "/books").at(0);
  stores_.delete_book(id);
  const auto verify = run_s1({"verify", "--log", log_file});
  EXPECT_EQ(verify.exit_code, 1);
  EXPECT_EQ(store_row(verify.out, "MongoDB books").missing, 1) << verify.out;
  EXPECT_NE(verify.out.find("book " + id), std::string::npos);
}

TEST_F(S1Verify, SaysSoOnceWhenS2IsUnreachable) {
  const auto log_file = clean_round("verify-unreachable");
  const auto url = "http://127.0.0.1:" + std::to_string(free_port());
  const auto verify = run_s1({"verify", "--log", log_file, "--server", url});
  EXPECT_EQ(verify.exit_code, 2);
  EXPECT_NE(verify.err.find(url), std::string::npos) << verify.err;
  EXPECT_EQ(std::count(verify.err.begin(), verify.err.end(), '\n'), 1) << verify.err;
}

}  // namespace
}  // namespace ld::test
