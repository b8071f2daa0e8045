// The router: patterns, parameters and the difference between 404 and 405.
#include "http/router.hpp"

#include <gtest/gtest.h>

namespace ld {
namespace {

http::Request request(const char* method, const char* path) {
  http::Request req;
  req.method = method;
  req.path = path;
  return req;
}

http::Router table() {
  http::Router r;
  r.add("GET", "/customers/{id}", [](http::Request&) { return http::Response::json(200, 1); });
  r.add("PATCH", "/customers/{id}", [](http::Request&) { return http::Response::json(200, 2); });
  r.add("GET", "/customers/{id}/orders",
        [](http::Request&) { return http::Response::json(200, 3); });
  return r;
}

TEST(Router, MatchesPatternAndFillsParameters) {
  auto r = table();
  auto req = request("GET", "/customers/17/orders");
  const auto m = r.match(req);
  ASSERT_EQ(m.kind, http::Match::Kind::found);
  EXPECT_EQ(req.route, "/customers/{id}/orders");
  EXPECT_EQ(req.param("id"), "17");
}

TEST(Router, KnownPathWithOtherMethodListsAllowedMethods) {
  auto r = table();
  auto req = request("DELETE", "/customers/17");
  const auto m = r.match(req);
  EXPECT_EQ(m.kind, http::Match::Kind::no_method);
  EXPECT_EQ(m.allow, "GET, PATCH");
}

TEST(Router, UnknownPathIsNotFound) {
  auto r = table();
  for (const char* path : {"/customers", "/customers/", "/customers/1/2", "/books/1"}) {
    auto req = request("GET", path);
    EXPECT_EQ(r.match(req).kind, http::Match::Kind::no_path) << path;
  }
}

}  // namespace
}  // namespace ld
