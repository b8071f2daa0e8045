#include "s1/cli/options.hpp"

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <string>

#include <CLI/CLI.hpp>

namespace ld::s1 {

namespace {

constexpr const char* kCommands =
    "Commands:\n"
    "  s1 [run] [options]          one round: customers, then books, then orders (default)\n"
    "  s1 verify [--log PATH]      check that everything S2 acknowledged is really stored\n"
    "  s1 report [--log PATH] [--out FILE]  one self-contained HTML page about a run\n"
    "Exit status: 0 when everything went as it should; 1 when a request that should have\n"
    "succeeded did not (run) or a record is missing, different or duplicated (verify);\n"
    "2 when S2 is unreachable or the command cannot start.";

std::string default_data_dir() {
  const char* from_env = std::getenv("S1_DATA_DIR");
  return from_env && *from_env ? from_env : LD_DATA_DIR;
}

// A duration option read by `parse` (see options.hpp), refused with `expects` when malformed.
void add_duration_option(CLI::App& app, const std::string& name, std::chrono::milliseconds& target,
                         std::optional<std::chrono::milliseconds> (*parse)(std::string_view),
                         const std::string& expects, const std::string& help,
                         const std::string& type) {
  app.add_option_function<std::string>(
         name,
         [&target, parse, name, expects](const std::string& text) {
           const auto parsed = parse(text);
           if (!parsed) throw CLI::ValidationError(name, expects);
           target = *parsed;
         },
         help)
      ->type_name(type);
}

void add_timeout_option(CLI::App& app, std::chrono::milliseconds& target) {
  add_duration_option(app, "--timeout", target, parse_timeout,
                      "expects milliseconds (1500, 1500ms) or seconds (2s)",
                      "Timeout of each request: milliseconds (1500 or 1500ms) or seconds (2s); "
                      "default 10000 ms",
                      "TIME");
}

void add_retry_for_option(CLI::App& app, std::chrono::milliseconds& target) {
  add_duration_option(app, "--retry-for", target, parse_retry_for,
                      "expects seconds from 0 to 3600 (15, 2.5, 15s, 500ms)",
                      "How long one request to S2 is retried after a network error, 5xx or 429, "
                      "with growing waits that honour Retry-After: seconds (15, 2.5s) or 500ms; "
                      "0: never; default 60 s, enough to ride out an S2 crash and restart",
                      "SECONDS");
}

// One place for the parsing of "<number>[ms|s]" durations; `plain` is the unit of a bare number.
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text, double plain,
                                                        double at_least) {
  double scale = plain;
  if (text.size() > 2 && text.substr(text.size() - 2) == "ms") {
    text.remove_suffix(2);
    scale = 1;
  } else if (text.size() > 1 && text.back() == 's') {
    text.remove_suffix(1);
    scale = 1000;
  }
  if (text.empty()) return std::nullopt;
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  const double ms = value * scale;
  if (!std::isfinite(ms) || ms < at_least || ms > 3'600'000) return std::nullopt;
  return std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(ms)));
}

int parse_run(CommandLine& line, const std::vector<const char*>& args) {
  RunOptions& o = line.run;
  o.data_dir = default_data_dir();
  CLI::App app(
      "S1: fabricates customers, books and orders, sends them to S2 and keeps an "
      "audit log of every request.",
      "s1 run");
  app.footer(kCommands);
  app.add_option("--server", o.server, "S2's base URL (or S2_URL)")
      ->envname("S2_URL")
      ->capture_default_str();
  app.add_option("--customers", o.customers, "Customers to create")->capture_default_str();
  app.add_option("--books", o.books, "Books to create")->capture_default_str();
  app.add_option("--orders", o.orders, "Orders to create")->capture_default_str();
  app.add_option("--concurrency", o.concurrency, "Requests in flight at once")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  auto* seed = app.add_option("--seed", o.seed,
                              "Seed of the generated data (same seed, same data); default "
                              "taken from the clock and printed");
  app.add_option("--books-source", o.books_source,
                 "auto: Google Books when reachable, else the offline catalog; google; offline")
      ->check(CLI::IsMember({"auto", "google", "offline"}))
      ->capture_default_str();
  app.add_option("--query", o.queries,
                 "Google Books query (repeatable); default a rotating set of subjects")
      ->allow_extra_args(false);  // one query per --query, so a query can't swallow the next word
  app.add_option("--log", o.log_path, "Audit log to write")->capture_default_str();
  app.add_option("--token", o.token, "Bearer token for S2's writes (or S2_API_TOKEN)")
      ->envname("S2_API_TOKEN");
  add_timeout_option(app, o.timeout);
  add_retry_for_option(app, o.retry_for);
  app.add_option("--retries", o.retries,
                 "Retries of a Google Books request after a network error, 5xx or 429")
      ->check(CLI::Range(0, 50))
      ->capture_default_str();
  app.add_option("--invalid-rate", o.invalid_rate,
                 "Share of deliberately invalid records (expected to get 4xx)")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  app.add_option("--data-dir", o.data_dir,
                 "Folder of the data lists and the offline catalog "
                 "(or S1_DATA_DIR)")
      ->capture_default_str();
  try {
    app.parse(static_cast<int>(args.size()), args.data());
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;  // --help is a success; any usage error is status 2
  }
  o.seed_given = seed->count() > 0;
  if (!o.seed_given) {
    o.seed =
        static_cast<std::uint64_t>(std::chrono::system_clock::now().time_since_epoch().count());
  }
  return -1;
}

int parse_verify(CommandLine& line, const std::vector<const char*>& args) {
  VerifyOptions& o = line.verify;
  CLI::App app(
      "S1 verify: fetches every record S2 acknowledged in the audit log (its 201, or the "
      "record a 409 pointed to) and compares it with that acknowledgement.",
      "s1 verify");
  app.footer(kCommands);
  app.add_option("--log", o.log_path, "Audit log to read")->capture_default_str();
  app.add_option("--server", o.server, "S2's base URL; default the server the log talked to");
  add_timeout_option(app, o.timeout);
  add_retry_for_option(app, o.retry_for);
  try {
    app.parse(static_cast<int>(args.size()), args.data());
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;  // --help is a success; any usage error is status 2
  }
  return -1;
}

int parse_report(CommandLine& line, const std::vector<const char*>& args) {
  ReportOptions& o = line.report;
  CLI::App app(
      "S1 report: turns an audit log into one self-contained HTML page: outcomes per phase, "
      "latency per endpoint, retries, failed requests and the verify result.",
      "s1 report");
  app.footer(kCommands);
  app.add_option("--log", o.log_path, "Audit log to read")->capture_default_str();
  app.add_option("--out", o.out_path, "HTML file to write")->capture_default_str();
  app.add_option("--verify-output", o.verify_output,
                 "A file holding what `s1 verify` printed, shown in the report");
  app.add_option("--verify-status", o.verify_status, "The exit status of that `s1 verify`")
      ->check(CLI::Range(0, 255));
  try {
    app.parse(static_cast<int>(args.size()), args.data());
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;  // --help is a success; any usage error is status 2
  }
  return -1;
}

}  // namespace

std::optional<std::chrono::milliseconds> parse_timeout(std::string_view text) {
  return parse_duration(text, 1, 1);
}

std::optional<std::chrono::milliseconds> parse_retry_for(std::string_view text) {
  return parse_duration(text, 1000, 0);
}

CommandLine parse_command_line(int argc, const char* const* argv) {
  CommandLine line;
  std::vector<const char*> args{argc > 0 ? argv[0] : "s1"};
  int first = 1;
  if (argc > 1 && std::string_view(argv[1]) == "verify") {
    line.command = CommandLine::Command::verify;
    first = 2;
  } else if (argc > 1 && std::string_view(argv[1]) == "report") {
    line.command = CommandLine::Command::report;
    first = 2;
  } else if (argc > 1 && std::string_view(argv[1]) == "run") {
    first = 2;
  }
  for (int i = first; i < argc; ++i) args.push_back(argv[i]);
  const int code = line.command == CommandLine::Command::verify   ? parse_verify(line, args)
                   : line.command == CommandLine::Command::report ? parse_report(line, args)
                                                                  : parse_run(line, args);
  if (code >= 0) line.exit_code = code;
  return line;
}

}  // namespace ld::s1
