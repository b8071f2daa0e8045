// What the user asked S1 to do: the command (run or verify) and its options, from the command
// line, the environment and .env, in that order of precedence.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ld::s1 {

struct RunOptions {
  std::string server = "http://127.0.0.1:5000";  // or S2_URL
  std::size_t customers = 50;
  std::size_t books = 40;
  std::size_t orders = 100;
  int concurrency = 8;
  std::uint64_t seed = 0;  // chosen from the clock when not given, and printed
  bool seed_given = false;
  std::string books_source = "auto";  // auto | google | offline
  std::vector<std::string> queries;   // empty: the default rotating subjects
  std::string log_path = "s1_log.json";
  std::string token;  // or S2_API_TOKEN; sent as a Bearer token, never printed
  std::chrono::milliseconds timeout{10'000};
  // How long one request to S2 is retried after a network error, 5xx or 429: long enough to ride
  // out an S2 crash, its restart and the book locks the crash left (they lapse within about
  // 5 s, S2 answering 503 with Retry-After: 5 until then).
  std::chrono::milliseconds retry_for{60'000};
  int retries = 3;  // of each Google Books request
  double invalid_rate = 0;
  std::string data_dir;  // or S1_DATA_DIR; default the project's data folder
};

struct VerifyOptions {
  std::string log_path = "s1_log.json";
  std::string server;  // empty: the server the log talked to
  std::chrono::milliseconds timeout{10'000};
  std::chrono::milliseconds retry_for{60'000};
};

struct ReportOptions {
  std::string log_path = "s1_log.json";
  std::string out_path = "s1_report.html";
  std::string verify_output;         // a file holding what `s1 verify` printed; empty: none
  std::optional<int> verify_status;  // the exit status of that `s1 verify`
};

struct CommandLine {
  enum class Command { run, verify, report };
  Command command = Command::run;
  RunOptions run;
  VerifyOptions verify;
  ReportOptions report;
  // Set when parsing already decided the outcome (--help printed, or a usage error shown).
  std::optional<int> exit_code;
};

CommandLine parse_command_line(int argc, const char* const* argv);

// "1500" and "1500ms" are milliseconds, "2s" and "2.5s" seconds. nullopt when malformed or
// not positive.
std::optional<std::chrono::milliseconds> parse_timeout(std::string_view text);

// "15" and "2.5" are seconds, as are "15s"; "500ms" milliseconds; "0" means no retries. nullopt
// when malformed, negative or over an hour.
std::optional<std::chrono::milliseconds> parse_retry_for(std::string_view text);

}  // namespace ld::s1
