// The command line as client.md documents it: defaults, environment fallbacks, both commands.
#include <gtest/gtest.h>

#include <cstdlib>

#include "s1/cli/options.hpp"

namespace {

using ld::s1::CommandLine;
using ld::s1::parse_command_line;
using std::chrono::milliseconds;

CommandLine parse(std::vector<const char*> args) {
  args.insert(args.begin(), "s1");
  return parse_command_line(static_cast<int>(args.size()), args.data());
}

TEST(Timeout, IsMillisecondsUnlessWrittenInSeconds) {
  EXPECT_EQ(ld::s1::parse_timeout("1500"), milliseconds(1500));
  EXPECT_EQ(ld::s1::parse_timeout("1500ms"), milliseconds(1500));
  EXPECT_EQ(ld::s1::parse_timeout("2s"), milliseconds(2000));
  EXPECT_EQ(ld::s1::parse_timeout("2.5s"), milliseconds(2500));
  EXPECT_FALSE(ld::s1::parse_timeout("0"));
  EXPECT_FALSE(ld::s1::parse_timeout("-5"));
  EXPECT_FALSE(ld::s1::parse_timeout("abc"));
  EXPECT_FALSE(ld::s1::parse_timeout("5m"));
}

TEST(RetryFor, IsSecondsUnlessWrittenInMilliseconds) {
  EXPECT_EQ(ld::s1::parse_retry_for("15"), milliseconds(15'000));
  EXPECT_EQ(ld::s1::parse_retry_for("2.5"), milliseconds(2500));
  EXPECT_EQ(ld::s1::parse_retry_for("15s"), milliseconds(15'000));
  EXPECT_EQ(ld::s1::parse_retry_for("500ms"), milliseconds(500));
  EXPECT_EQ(ld::s1::parse_retry_for("0"), milliseconds(0));  // no retries
  EXPECT_FALSE(ld::s1::parse_retry_for("-1"));
  EXPECT_FALSE(ld::s1::parse_retry_for("soon"));
  EXPECT_FALSE(ld::s1::parse_retry_for("3601"));
}

TEST(CommandLine, RunIsTheDefaultWithTheDocumentedDefaults) {
  ::unsetenv("S2_URL");
  ::unsetenv("S2_API_TOKEN");
  const auto line = parse({});
  ASSERT_FALSE(line.exit_code);
  EXPECT_EQ(line.command, CommandLine::Command::run);
  const auto& o = line.run;
  EXPECT_EQ(o.server, "http://127.0.0.1:5000");
  EXPECT_EQ(o.customers, 50u);
  EXPECT_EQ(o.books, 40u);
  EXPECT_EQ(o.orders, 100u);
  EXPECT_EQ(o.concurrency, 8);
  EXPECT_EQ(o.books_source, "auto");
  EXPECT_EQ(o.log_path, "s1_log.json");
  EXPECT_EQ(o.retries, 3);
  EXPECT_EQ(o.retry_for, milliseconds(60'000));
  EXPECT_EQ(o.invalid_rate, 0);
  EXPECT_EQ(o.timeout, milliseconds(10'000));
  EXPECT_FALSE(o.seed_given);
}

TEST(CommandLine, ReadsEveryRunOption) {
  const auto line = parse({"run",
                           "--server",
                           "http://s2:8080",
                           "--customers",
                           "3",
                           "--books",
                           "4",
                           "--orders",
                           "5",
                           "--concurrency",
                           "2",
                           "--seed",
                           "77",
                           "--books-source",
                           "offline",
                           "--query",
                           "machado",
                           "--query",
                           "python",
                           "--log",
                           "x.json",
                           "--token",
                           "t",
                           "--timeout",
                           "3s",
                           "--retries",
                           "6",
                           "--retry-for",
                           "40",
                           "--invalid-rate",
                           "0.25"});
  ASSERT_FALSE(line.exit_code);
  const auto& o = line.run;
  EXPECT_EQ(o.server, "http://s2:8080");
  EXPECT_EQ(o.customers, 3u);
  EXPECT_EQ(o.books, 4u);
  EXPECT_EQ(o.orders, 5u);
  EXPECT_EQ(o.concurrency, 2);
  EXPECT_EQ(o.seed, 77u);
  EXPECT_TRUE(o.seed_given);
  EXPECT_EQ(o.books_source, "offline");
  EXPECT_EQ(o.queries, (std::vector<std::string>{"machado", "python"}));
  EXPECT_EQ(o.log_path, "x.json");
  EXPECT_EQ(o.token, "t");
  EXPECT_EQ(o.timeout, milliseconds(3000));
  EXPECT_EQ(o.retries, 6);
  EXPECT_EQ(o.retry_for, milliseconds(40'000));
  EXPECT_DOUBLE_EQ(o.invalid_rate, 0.25);
}

TEST(CommandLine, ServerAndTokenFallBackToTheEnvironment) {
  ::setenv("S2_URL", "http://from-env:5000", 1);
  ::setenv("S2_API_TOKEN", "env-token", 1);
  const auto line = parse({});
  EXPECT_EQ(line.run.server, "http://from-env:5000");
  EXPECT_EQ(line.run.token, "env-token");
  EXPECT_EQ(parse({"--server", "http://flag:1"}).run.server, "http://flag:1");
  ::unsetenv("S2_URL");
  ::unsetenv("S2_API_TOKEN");
}

TEST(CommandLine, VerifyTakesTheLogPath) {
  const auto line = parse({"verify", "--log", "round.json"});
  ASSERT_FALSE(line.exit_code);
  EXPECT_EQ(line.command, CommandLine::Command::verify);
  EXPECT_EQ(line.verify.log_path, "round.json");
  EXPECT_EQ(parse({"verify"}).verify.log_path, "s1_log.json");
  EXPECT_EQ(parse({"verify"}).verify.retry_for, milliseconds(60'000));
  EXPECT_EQ(parse({"verify", "--retry-for", "2"}).verify.retry_for, milliseconds(2000));
}

TEST(CommandLine, BadValuesAreUsageErrors) {
  testing::internal::CaptureStderr();
  EXPECT_EQ(parse({"--books-source", "web"}).exit_code, 2);
  EXPECT_EQ(parse({"--invalid-rate", "1.5"}).exit_code, 2);
  EXPECT_EQ(parse({"--concurrency", "0"}).exit_code, 2);
  EXPECT_EQ(parse({"--timeout", "soon"}).exit_code, 2);
  EXPECT_EQ(parse({"--retry-for", "-3"}).exit_code, 2);
  EXPECT_EQ(parse({"verify", "--retry-for", "forever"}).exit_code, 2);
  EXPECT_EQ(parse({"--no-such-option"}).exit_code, 2);
  testing::internal::GetCapturedStderr();
}

TEST(CommandLine, HelpExitsWithSuccess) {
  testing::internal::CaptureStdout();
  EXPECT_EQ(parse({"--help"}).exit_code, 0);
  const auto help = testing::internal::GetCapturedStdout();
  EXPECT_NE(help.find("--invalid-rate"), std::string::npos);
  EXPECT_NE(help.find("--retry-for"), std::string::npos);
  EXPECT_NE(help.find("s1 verify"), std::string::npos);
}

}  // namespace
