// Google's answers sorted into "try again later" and "stop now", from both error body shapes.
#include <gtest/gtest.h>

#include "s1/google_books/google_error.hpp"

namespace ld::s1::google_books {
namespace {

const char* kOlderQuota = R"({"error": {"code": 403, "message": "Rate Limit Exceeded",
  "errors": [{"message": "Rate Limit Exceeded", "domain": "usageLimits",
              "reason": "rateLimitExceeded"}]}})";

const char* kNewerBadKey = R"({"error": {"code": 400,
  "message": "API key not valid. Please pass a valid API key.",
  "errors": [{"message": "API key not valid.", "domain": "global", "reason": "badRequest"}],
  "status": "INVALID_ARGUMENT",
  "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "API_KEY_INVALID",
               "domain": "googleapis.com"}]}})";

TEST(GoogleError, ReadsTheOlderShape) {
  const auto error = parse_error_body(kOlderQuota);
  EXPECT_EQ(error.message, "Rate Limit Exceeded");
  EXPECT_EQ(error.status, "");
  EXPECT_EQ(error.reasons, std::vector<std::string>{"rateLimitExceeded"});
}

TEST(GoogleError, ReadsTheNewerShape) {
  const auto error = parse_error_body(kNewerBadKey);
  EXPECT_EQ(error.status, "INVALID_ARGUMENT");
  EXPECT_EQ(error.reasons, (std::vector<std::string>{"badRequest", "API_KEY_INVALID"}));
}

TEST(GoogleError, ToleratesBodiesThatAreNotGoogleErrors) {
  EXPECT_TRUE(parse_error_body("<html>Bad Gateway</html>").reasons.empty());
  EXPECT_TRUE(parse_error_body("").message.empty());
  EXPECT_TRUE(parse_error_body(R"({"error": "nope"})").reasons.empty());
  EXPECT_TRUE(parse_error_body(R"({"error": {"errors": [1, {"reason": 2}]}})").reasons.empty());
}

TEST(GoogleError, TooManyRequestsIsQuotaAndRetried) {
  EXPECT_EQ(judge(429, {}), Answer::quota);
  EXPECT_TRUE(worth_retrying(Answer::quota));
}

TEST(GoogleError, ForbiddenWithAQuotaReasonIsQuota) {
  EXPECT_EQ(judge(403, parse_error_body(kOlderQuota)), Answer::quota);
  EXPECT_EQ(judge(403, {"", "RESOURCE_EXHAUSTED", {}}), Answer::quota);
  EXPECT_EQ(judge(403, {"", "", {"dailyLimitExceeded"}}), Answer::quota);
}

TEST(GoogleError, ForbiddenForAnyOtherReasonStopsAtOnce) {
  EXPECT_EQ(judge(403, {"", "PERMISSION_DENIED", {"SERVICE_DISABLED"}}), Answer::forbidden);
  EXPECT_EQ(judge(403, {}), Answer::forbidden);
  EXPECT_FALSE(worth_retrying(Answer::forbidden));
}

TEST(GoogleError, InvalidKeyStopsAtOnce) {
  EXPECT_EQ(judge(400, parse_error_body(kNewerBadKey)), Answer::invalid_key);
  EXPECT_EQ(judge(400, {"", "", {"keyInvalid"}}), Answer::invalid_key);
  EXPECT_FALSE(worth_retrying(Answer::invalid_key));
}

TEST(GoogleError, ServerErrorsAndSilenceAreRetried) {
  EXPECT_EQ(judge(500, {}), Answer::server_error);
  EXPECT_EQ(judge(503, {}), Answer::server_error);
  EXPECT_EQ(judge(0, {}), Answer::network_error);
  EXPECT_TRUE(worth_retrying(Answer::server_error));
  EXPECT_TRUE(worth_retrying(Answer::network_error));
}

TEST(GoogleError, OtherClientErrorsStopAtOnce) {
  EXPECT_EQ(judge(400, {"", "INVALID_ARGUMENT", {"badRequest"}}), Answer::rejected);
  EXPECT_EQ(judge(404, {}), Answer::rejected);
  EXPECT_EQ(judge(200, {}), Answer::ok);
}

}  // namespace
}  // namespace ld::s1::google_books
