// GET /customers/{id} on the fast lane (s2/customer_fast_lane.hpp) answers as the worker path
// does: the same status, body and headers from an S2 with the lane and one without it
// (S2_FAST_LANE=0) on the same stores, for a customer with every field, an unknown id, malformed
// ids and a query string; and it rides out PostgreSQL killed and started again without a restart.
#include "customers_api.hpp"
#include "support/store_outage.hpp"

namespace ld::test {
namespace {

class CustomerFastLane : public CustomersApi {
 protected:
  static void SetUpTestSuite() {
    CustomersApi::SetUpTestSuite();
    without_lane_ = std::make_unique<S2Process>(S2Process::Env{{"S2_FAST_LANE", "0"}});
  }
  static void TearDownTestSuite() {
    without_lane_.reset();
    CustomersApi::TearDownTestSuite();
  }

  Answer get_from(const S2Process& server, const std::string& path) {
    return send_request(client_, "GET", server.base_url() + path, "",
                        {{"X-Request-Id", "cliente-rapido-1"}});
  }

  inline static std::unique_ptr<S2Process> without_lane_;
};

TEST_F(CustomerFastLane, AnswersAsTheWorkersDo) {
  const auto customer = new_customer({{"cpf", unique_cpf()},
                                      {"phone", "+55 81 99876-5432"},
                                      {"birth_date", "1990-01-31"},
                                      {"addresses", {address("Recife"), address("Olinda")}}});
  const auto path = path_of(customer);
  for (const std::string& p :
       {path, std::string("/customers/987654321"), std::string("/customers/0"),
        std::string("/customers/007"), std::string("/customers/abc"), path + "?expand=orders"}) {
    SCOPED_TRACE(p);
    const auto lane = get_from(*server_, p);
    const auto workers = get_from(*without_lane_, p);
    EXPECT_EQ(lane.status, workers.status);
    EXPECT_EQ(lane.raw.body, workers.raw.body);
    EXPECT_EQ(lane.header("Content-Type"), workers.header("Content-Type"));
    EXPECT_EQ(lane.header("X-Request-Id"), "cliente-rapido-1");
    EXPECT_NE(lane.header("Server-Timing").find("app;dur="), std::string::npos);
  }
  const auto found = get(path);
  ASSERT_EQ(found.status, 200) << found.raw.body;
  EXPECT_EQ(found.body, customer);
  EXPECT_NE(found.header("Server-Timing").find("pg;dur="), std::string::npos);
}

TEST_F(CustomerFastLane, ManyConcurrentReadsEachGetTheirOwnCustomer) {
  std::vector<json> customers;
  for (int i = 0; i < 8; ++i) customers.push_back(new_customer());
  std::vector<std::thread> readers;
  std::atomic<int> right{0};
  for (int t = 0; t < 8; ++t) {
    readers.emplace_back([&, t] {
      net::HttpClient client;
      for (int i = 0; i < 50; ++i) {
        const auto& expected = customers[static_cast<std::size_t>((t + i) % 8)];
        const auto a = send_request(client, "GET", server_->base_url() + path_of(expected));
        if (a.status == 200 && a.body == expected) ++right;
      }
    });
  }
  for (auto& r : readers) r.join();
  EXPECT_EQ(right.load(), 8 * 50);
}

TEST_F(CustomerFastLane, RidesOutPostgresKilledAndStartedAgain) {
  const auto path = path_of(new_customer());
  ASSERT_EQ(get(path).status, 200);  // the lane's connections are made
  {
    StoreKilled killed(LocalStore::postgres);
    ASSERT_TRUE(killed.killed());
    const auto down = get(path);
    EXPECT_EQ(down.status, 503) << down.raw.body;
    EXPECT_EQ(down.body.value("store", ""), "postgres");
    EXPECT_FALSE(down.header("Retry-After").empty());
    killed.start();
  }
  // The connections the kill ended are made again when needed; S2 is never restarted.
  auto back = get(path);
  for (int i = 0; i < 30 && back.status != 200; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    back = get(path);
  }
  EXPECT_EQ(back.status, 200) << back.raw.body;
}

}  // namespace
}  // namespace ld::test
