// The s1 report page from a small hand-made log: every section counts what the log holds, every
// value from the log is escaped, and the page names no file outside itself.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include <nlohmann/json.hpp>

#include "s1/report/html_report.hpp"

namespace ld::s1 {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

json entry(int seq, const std::string& phase, const std::string& method, const std::string& url,
           long status, double ms, int attempt = 1, json response_body = nullptr,
           json request_body = nullptr) {
  json e = {
      {"seq", seq},
      {"time", "2026-12-07T05:00:0" + std::to_string(seq % 10) + ".000Z"},
      {"phase", phase},
      {"request",
       {{"method", method}, {"url", url}, {"headers", json::object()}, {"body", request_body}}},
      {"response", nullptr},
      {"duration_ms", ms},
      {"attempt", attempt},
      {"error", nullptr}};
  if (status) {
    e["response"] = {{"status", status}, {"headers", json::object()}, {"body", response_body}};
  } else {
    e["error"] = "Connection refused";
  }
  return e;
}

json small_log() {
  const std::string s2 = "http://127.0.0.1:5000";
  return json::array({
      entry(1, "health", "GET", s2 + "/health", 200, 0.8),
      entry(2, "customers", "POST", s2 + "/customers", 201, 12.5, 1, {{"id", 7}},
            {{"name", "Ana"}}),
      entry(3, "customers", "POST", s2 + "/customers", 400, 3.0, 1,
            {{"title", "Bad Request"},
             {"errors", {{{"field", "cpf"}, {"message", "must be a valid CPF <b>"}}}}},
            {{"name", "<script>alert(1)</script>"}, {"cpf", "111"}}),
      entry(4, "books", "POST", s2 + "/books", 503, 40.0, 1, {{"title", "Service Unavailable"}}),
      entry(5, "books", "POST", s2 + "/books", 201, 35.0, 2, {{"id", "65f0c0ffee0000000000abcd"}}),
      entry(6, "orders", "GET", s2 + "/books/65f0c0ffee0000000000abcd?fields=all", 200, 2.0),
      entry(7, "orders", "POST", s2 + "/orders", 0, 10000.0, 1),
      entry(8, "orders", "GET", s2 + "/orders/0190c3e2-8f1a-7cc0-9d1e-2b7f3a4c5d6e", 200, 1.5),
  });
}

TEST(EndpointOf, NamesIdsGenerically) {
  EXPECT_EQ(endpoint_of("GET", "http://h:5000/books/65f0c0ffee0000000000abcd?x=1"),
            "GET /books/{id}");
  EXPECT_EQ(endpoint_of("GET", "http://h/customers/17/orders"), "GET /customers/{id}/orders");
  EXPECT_EQ(endpoint_of("PATCH", "http://h/orders/0190c3e2-8f1a-7cc0-9d1e-2b7f3a4c5d6e"),
            "PATCH /orders/{id}");
  EXPECT_EQ(endpoint_of("GET", "http://h"), "GET /");
  EXPECT_EQ(endpoint_of("POST", "/customers"), "POST /customers");
}

TEST(EscapeHtml, EscapesMarkupAndQuotes) {
  EXPECT_EQ(escape_html("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

TEST(HtmlReport, CountsOutcomesPerPhaseAndEndpoint) {
  const auto page = html_report(small_log(), {"s1_log.json", std::nullopt, std::nullopt});
  // Phase rows: sent, 2xx/3xx, 4xx, 5xx, no answer, retries.
  const auto row = [](const std::string& name, std::initializer_list<int> n) {
    std::string cells;
    for (const int v : n) cells += "<td class=\"n\">" + std::to_string(v) + "</td>";
    return "<th scope=\"row\">" + name + "</th>" + cells;
  };
  EXPECT_THAT(page, HasSubstr(row("customers", {2, 1, 1, 0, 0, 0})));
  EXPECT_THAT(page, HasSubstr(row("books", {2, 1, 0, 1, 0, 1})));
  EXPECT_THAT(page, HasSubstr(row("orders", {3, 2, 0, 0, 1, 0})));
  EXPECT_THAT(page, HasSubstr("<code>GET /books/{id}</code>"));
  EXPECT_THAT(page, HasSubstr("<code>GET /orders/{id}</code>"));
  EXPECT_THAT(page, HasSubstr("Retries (1)"));
  EXPECT_THAT(page, HasSubstr("Failed requests (3)"));
  EXPECT_THAT(page, HasSubstr("Connection refused"));
  // A histogram per endpoint that got answers; the unanswered POST /orders has none.
  EXPECT_THAT(page, HasSubstr("Latency histogram of POST /customers"));
  EXPECT_THAT(page, Not(HasSubstr("Latency histogram of POST /orders")));
  // POST /customers: 3.0 and 12.5 ms; nearest-rank p50 is the lower one, p90 the higher.
  EXPECT_THAT(page, HasSubstr("<td class=\"n\">3.00 ms</td><td class=\"n\">12 ms</td>"));
}

TEST(HtmlReport, ShowsFailedRequestsWithTheirResponsesEscaped) {
  const auto page = html_report(small_log(), {"s1_log.json", std::nullopt, std::nullopt});
  EXPECT_THAT(page, HasSubstr("must be a valid CPF &lt;b&gt;"));
  EXPECT_THAT(page, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_THAT(page, Not(HasSubstr("<script")));
  EXPECT_THAT(page, HasSubstr("Service Unavailable"));
}

TEST(HtmlReport, IsSelfContained) {
  const auto page = html_report(small_log(), {"s1_log.json", std::nullopt, std::nullopt});
  EXPECT_THAT(page, Not(HasSubstr("<link")));
  EXPECT_THAT(page, Not(HasSubstr("<img")));
  EXPECT_THAT(page, Not(HasSubstr("src=")));
  EXPECT_THAT(page, Not(HasSubstr("@import")));
  EXPECT_THAT(page, Not(HasSubstr("url(")));
  EXPECT_THAT(page, HasSubstr("<style>"));
  EXPECT_TRUE(std::regex_search(page, std::regex("^<!doctype html>")));
}

TEST(HtmlReport, ShowsTheVerifyResultWhenGiven) {
  const auto passed = html_report(small_log(), {"s1_log.json", "customers 1 1 0", 0});
  EXPECT_THAT(passed, HasSubstr("s1 verify passed"));
  EXPECT_THAT(passed, HasSubstr("<pre>customers 1 1 0</pre>"));
  const auto failed = html_report(small_log(), {"s1_log.json", "missing: customer 7", 1});
  EXPECT_THAT(failed, HasSubstr("s1 verify found problems"));
  EXPECT_THAT(failed, HasSubstr("exit status 1"));
  const auto none = html_report(small_log(), {"s1_log.json", std::nullopt, std::nullopt});
  EXPECT_THAT(none, Not(HasSubstr("id=\"verify\"")));
}

TEST(HtmlReport, SkipsEntriesThatAreNotRequests) {
  auto log = small_log();
  log.push_back(42);
  log.push_back({{"no", "request"}});
  const auto page = html_report(log, {"s1_log.json", std::nullopt, std::nullopt});
  EXPECT_THAT(page, HasSubstr("2 log entries were not requests"));
  EXPECT_THAT(html_report(json::array(), {"empty.json", std::nullopt, std::nullopt}),
              HasSubstr("No request failed."));
}

}  // namespace
}  // namespace ld::s1
