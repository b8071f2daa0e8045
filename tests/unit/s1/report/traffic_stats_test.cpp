// The summary table's numbers: nearest-rank percentiles and per-endpoint status classes.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <sstream>

#include "s1/report/summary_table.hpp"
#include "s1/report/traffic_stats.hpp"

namespace {

using ld::s1::percentile;

TEST(Percentile, IsTheNearestRank) {
  std::vector<double> samples;
  for (int i = 1; i <= 100; ++i) samples.push_back(i);
  std::shuffle(samples.begin(), samples.end(), std::mt19937(3));  // input order must not matter
  EXPECT_EQ(percentile(samples, 50), 50);
  EXPECT_EQ(percentile(samples, 95), 95);
  EXPECT_EQ(percentile(samples, 99), 99);
  EXPECT_EQ(percentile(samples, 100), 100);
}

TEST(Percentile, OfFewSamplesIsOneOfThem) {
  EXPECT_EQ(percentile({7.5}, 50), 7.5);
  EXPECT_EQ(percentile({7.5}, 99), 7.5);
  EXPECT_EQ(percentile({1, 2, 3, 4}, 50), 2);
  EXPECT_EQ(percentile({1, 2, 3, 4}, 95), 4);
}

TEST(Percentile, OfNothingIsZero) {
  EXPECT_EQ(percentile({}, 99), 0);
}

TEST(TrafficStats, CountsEachStatusClassPerEndpoint) {
  ld::s1::TrafficStats stats;
  const auto t0 = ld::s1::TrafficStats::Clock::now();
  const auto t1 = t0 + std::chrono::seconds(2);
  stats.record("POST /customers", 201, 1.0, t0, t0);
  stats.record("POST /customers", 400, 2.0, t0, t0);
  stats.record("POST /customers", 503, 3.0, t0, t0);
  stats.record("POST /customers", 0, 4.0, t0, t1);
  stats.record("GET /books/{id}", 200, 5.0, t0, t1);
  const auto summary = stats.summarize();
  ASSERT_EQ(summary.size(), 2u);
  const auto& c = summary[0];
  EXPECT_EQ(c.endpoint, "POST /customers");
  EXPECT_EQ(c.sent, 4u);
  EXPECT_EQ(c.status_2xx, 1u);
  EXPECT_EQ(c.status_4xx, 1u);
  EXPECT_EQ(c.status_5xx, 1u);
  EXPECT_EQ(c.network_failures, 1u);
  EXPECT_EQ(c.p50_ms, 2.0);
  EXPECT_EQ(c.p99_ms, 4.0);
  EXPECT_DOUBLE_EQ(c.requests_per_second, 2.0);
  EXPECT_EQ(summary[1].endpoint, "GET /books/{id}");
}

TEST(SummaryTable, HasARowPerEndpointWithItsColumns) {
  ld::s1::TrafficStats stats;
  const auto t0 = ld::s1::TrafficStats::Clock::now();
  stats.record("POST /orders", 201, 1.25, t0, t0 + std::chrono::seconds(1));
  std::ostringstream out;
  ld::s1::print_traffic_table(out, stats.summarize());
  const auto text = out.str();
  for (const char* column :
       {"sent", "2xx", "4xx", "5xx", "netfail", "p50", "p95", "p99", "req/s"}) {
    EXPECT_NE(text.find(column), std::string::npos) << column;
  }
  EXPECT_NE(text.find("POST /orders"), std::string::npos);
  EXPECT_NE(text.find("1.25"), std::string::npos);
}

}  // namespace
