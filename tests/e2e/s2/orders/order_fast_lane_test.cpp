// GET /orders/{id} on the fast lane (s2/order_fast_lane.hpp) answers as the worker path does: the
// same status, body and headers from an S2 with the lane and one without it (S2_FAST_LANE=0) on
// the same stores, for a stored order, an unknown id, a malformed id and a query string; and it
// rides out Redis stopping and starting again without a restart.
#include "orders_api.hpp"

namespace ld::test {
namespace {

class OrderFastLane : public OrdersApi {
 protected:
  static void SetUpTestSuite() {
    OrdersApi::SetUpTestSuite();
    without_lane_ = std::make_unique<S2Process>(
        S2Process::Env{{"S2_MONGO_DB", mongo_db() + "_orders"}, {"S2_FAST_LANE", "0"}});
  }
  static void TearDownTestSuite() {
    without_lane_.reset();
    OrdersApi::TearDownTestSuite();
  }

  Answer get_without_lane(const std::string& path, net::Headers headers = {}) {
    return send_request(client_, "GET", without_lane_->base_url() + path, "", std::move(headers));
  }

  inline static std::unique_ptr<S2Process> without_lane_;
};

TEST_F(OrderFastLane, AnswersAsTheWorkersDo) {
  const auto placed = place(new_customer(), {{new_book(), 1}});
  ASSERT_EQ(placed.status, 201) << placed.raw.body;
  const auto id = placed.body.value("id", std::string{});
  for (const std::string& path :
       {"/orders/" + id, std::string("/orders/0190c3e2-0000-7000-8000-000000000000"),
        std::string("/orders/not-an-id"), "/orders/" + id + "?expand=items"}) {
    SCOPED_TRACE(path);
    const auto lane = send("GET", path, "", {{"X-Request-Id", "pedido-rapido-1"}});
    const auto workers = get_without_lane(path, {{"X-Request-Id", "pedido-rapido-1"}});
    EXPECT_EQ(lane.status, workers.status);
    EXPECT_EQ(lane.raw.body, workers.raw.body);
    EXPECT_EQ(lane.header("Content-Type"), workers.header("Content-Type"));
    EXPECT_EQ(lane.header("X-Request-Id"), "pedido-rapido-1");
    EXPECT_NE(lane.header("Server-Timing").find("app;dur="), std::string::npos);
  }
  const auto found = send("GET", "/orders/" + id);
  EXPECT_EQ(found.status, 200);
  EXPECT_EQ(found.body.value("id", std::string{}), id);
  EXPECT_NE(found.header("Server-Timing").find("redis;dur="), std::string::npos);
}

TEST_F(OrderFastLane, RidesOutRedisStoppingAndStartingAgain) {
  const auto placed = place(new_customer(), {{new_book(), 1}});
  ASSERT_EQ(placed.status, 201) << placed.raw.body;
  const auto path = "/orders/" + placed.body.value("id", std::string{});
  stores("stop redis");
  const auto down = get(path);
  EXPECT_EQ(down.status, 503) << down.raw.body;
  EXPECT_EQ(down.body.value("store", ""), "redis");
  EXPECT_FALSE(down.header("Retry-After").empty());
  stores("start redis");
  // The next request after the lane's reconnect pause connects again; S2 is never restarted.
  auto back = get(path);
  for (int i = 0; i < 20 && back.status != 200; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    back = get(path);
  }
  EXPECT_EQ(back.status, 200) << back.raw.body;
}

}  // namespace
}  // namespace ld::test
