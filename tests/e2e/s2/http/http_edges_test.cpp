// Requests at the edges of HTTP/1.1, sent over raw sockets to the real s2: each gets an answer
// with a status line (never a silent close), and the ones S2 cannot serve are refused by their
// head without their body being read.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "raw_connection.hpp"
#include "support/s2_process.hpp"

namespace ld::test {
namespace {

class HttpEdges : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s2_ = new S2Process(S2Process::Env{{"S2_API_TOKEN", "edges-token"}});
  }
  static void TearDownTestSuite() {
    delete s2_;
    s2_ = nullptr;
  }

  // Sends `request` on a new connection and returns everything s2 answers until it closes.
  static std::string exchange(const std::string& request) {
    RawConnection connection(s2_->port());
    connection.send(request);
    return connection.read_until_closed();
  }

  static std::string body_of(const std::string& response) {
    const auto at = response.find("\r\n\r\n");
    return at == std::string::npos ? "" : response.substr(at + 4);
  }

  static S2Process* s2_;
};

S2Process* HttpEdges::s2_ = nullptr;

std::string fmt_hex(std::size_t n) {
  char text[32];
  std::snprintf(text, sizeof text, "%zx", n);
  return text;
}

TEST_F(HttpEdges, AnUnknownMethodGets405WithAllowOnAServedPathAnd501Elsewhere) {
  const auto served = exchange("QUERY /books?q=x HTTP/1.1\r\nHost: s2\r\n\r\n");
  EXPECT_EQ(status_of(served), 405) << served;
  EXPECT_NE(served.find("Allow: POST, GET\r\n"), std::string::npos) << served;
  EXPECT_EQ(nlohmann::json::parse(body_of(served))["status"], 405);
  const auto elsewhere = exchange("QUERY /nowhere HTTP/1.1\r\nHost: s2\r\n\r\n");
  EXPECT_EQ(status_of(elsewhere), 501) << elsewhere;
}

TEST_F(HttpEdges, AKnownMethodNoRouteTakesGets405WithAllow) {
  const auto response = exchange("PUT /books HTTP/1.1\r\nHost: s2\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(status_of(response), 405) << response;
  EXPECT_NE(response.find("Allow: "), std::string::npos);
}

TEST_F(HttpEdges, Http11WithoutHostGets400AndHttp10WithoutHostIsServed) {
  EXPECT_EQ(status_of(exchange("GET /health HTTP/1.1\r\n\r\n")), 400);
  EXPECT_EQ(status_of(exchange("GET /health HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")), 400);
  EXPECT_EQ(status_of(exchange("GET /health HTTP/1.0\r\n\r\n")), 200);
}

TEST_F(HttpEdges, AnHttp09RequestLineGets400) {
  // No blank line follows: the answer must not wait for one.
  RawConnection connection(s2_->port());
  connection.send("GET /health\r\n");
  const auto response = connection.read_until_closed(std::chrono::seconds(5));
  EXPECT_EQ(status_of(response), 400) << response;
}

TEST_F(HttpEdges, OversizedTargetsAndHeaderSectionsAreAnswered) {
  const auto long_target =
      exchange("GET /books?q=" + std::string(10000, 'a') + " HTTP/1.1\r\nHost: s2\r\n\r\n");
  EXPECT_EQ(status_of(long_target), 414) << long_target.substr(0, 200);
  std::string many_fields = "GET /health HTTP/1.1\r\nHost: s2\r\n";
  for (int i = 0; i < 400; ++i) many_fields += "X-Field-" + std::to_string(i) + ": value\r\n";
  const auto big_head = exchange(many_fields + std::string(20000, 'x'));
  EXPECT_EQ(status_of(big_head), 431) << big_head.substr(0, 200);
}

TEST_F(HttpEdges, AnAnnouncedOversizedBodyGets413AndAWriteWithoutTheToken401BeforeTheBody) {
  // Only the heads are sent: the answers must not wait for the 15 MiB they announce.
  const std::string post =
      "POST /books HTTP/1.1\r\nHost: s2\r\nContent-Type: application/json\r\n"
      "Content-Length: 15728640\r\n";
  RawConnection oversized(s2_->port());
  oversized.send(post + "Authorization: Bearer edges-token\r\n\r\n");
  const auto too_large = oversized.read_until_closed(std::chrono::seconds(5));
  EXPECT_EQ(status_of(too_large), 413) << too_large;
  EXPECT_NE(too_large.find("X-Request-Id: "), std::string::npos);
  RawConnection anonymous(s2_->port());
  anonymous.send(post + "\r\n");
  const auto unauthorized = anonymous.read_until_closed(std::chrono::seconds(5));
  EXPECT_EQ(status_of(unauthorized), 401) << unauthorized;
  EXPECT_NE(unauthorized.find("WWW-Authenticate: Bearer"), std::string::npos);
}

TEST_F(HttpEdges, ABodyOneByteOverTheLimitGets413ChunkedOrNot) {
  const std::string over(1'048'577, ' ');
  const std::string head =
      "POST /books HTTP/1.1\r\nHost: s2\r\nAuthorization: Bearer edges-token\r\n"
      "Content-Type: application/json\r\n";
  EXPECT_EQ(status_of(exchange(head + "Content-Length: 1048577\r\n\r\n" + over)), 413);
  std::string chunked = head + "Transfer-Encoding: chunked\r\n\r\n";
  for (std::size_t at = 0; at < over.size(); at += 65536) {
    const auto n = std::min<std::size_t>(65536, over.size() - at);
    chunked += fmt_hex(n) + "\r\n" + over.substr(at, n) + "\r\n";
  }
  EXPECT_EQ(status_of(exchange(chunked + "0\r\n\r\n")), 413);
}

TEST_F(HttpEdges, ARefusalOnAKeptAliveConnectionComesAfterTheEarlierAnswers) {
  RawConnection connection(s2_->port());
  connection.send("GET /health HTTP/1.1\r\nHost: s2\r\n\r\nQUERY /health HTTP/1.1\r\n\r\n");
  const auto both = connection.read_until_closed();
  EXPECT_EQ(status_of(both), 200) << both;
  const auto second = both.find("HTTP/1.1 405");
  EXPECT_NE(second, std::string::npos) << both;
}

TEST_F(HttpEdges, AQueryParameterTheEndpointDoesNotTakeGets400NamingIt) {
  const auto filtered = exchange(
      "GET /customers?email%5B%24ne%5D=x HTTP/1.1\r\nHost: s2\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(status_of(filtered), 400) << filtered;
  EXPECT_EQ(nlohmann::json::parse(body_of(filtered))["errors"][0]["field"], "email[$ne]");
  const auto health =
      exchange("GET /health?verbose=1 HTTP/1.1\r\nHost: s2\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(status_of(health), 400) << health;
  const auto listed =
      exchange("GET /customers?limit=1&q=a HTTP/1.1\r\nHost: s2\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(status_of(listed), 200) << listed;
}

}  // namespace
}  // namespace ld::test
