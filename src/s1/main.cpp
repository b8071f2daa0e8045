// s1: the bookstore's client — data generator, load driver and auditor (see docs and
// `s1 --help`). The composition root: reads .env, parses the command line, runs the command.
#include <csignal>
#include <cstdlib>
#include <iostream>

#include "core/dotenv.hpp"
#include "s1/cli/options.hpp"
#include "s1/report/report_command.hpp"
#include "s1/runner/round.hpp"
#include "s1/verify/verify_command.hpp"

int main(int argc, char** argv) {
  // A reader that went away (the audit log's writer process, a closed pipe on stdout) is an
  // error value to handle, not a reason to die.
  std::signal(SIGPIPE, SIG_IGN);
  // The real environment wins over .env; S1_ENV_FILE names another file ("" for none).
  const char* env_file = std::getenv("S1_ENV_FILE");
  const std::string dotenv_path = env_file ? env_file : ".env";
  if (!dotenv_path.empty()) ld::dotenv::load(dotenv_path);

  const auto line = ld::s1::parse_command_line(argc, argv);
  if (line.exit_code) return *line.exit_code;
  try {
    if (line.command == ld::s1::CommandLine::Command::verify) {
      return ld::s1::run_verify(line.verify, std::cout, std::cerr);
    }
    if (line.command == ld::s1::CommandLine::Command::report) {
      return ld::s1::run_report(line.report, std::cout, std::cerr);
    }
    return ld::s1::run_round(line.run, std::cout, std::cerr);
  } catch (const std::exception& e) {
    std::cerr << "s1: " << e.what() << '\n';
    return 2;
  }
}
