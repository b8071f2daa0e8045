#include "s1/report/report_command.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "s1/report/html_report.hpp"

namespace ld::s1 {

namespace {

std::optional<std::string> read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

int run_report(const ReportOptions& options, std::ostream& out, std::ostream& err) {
  const auto log_text = read_all(options.log_path);
  if (!log_text) {
    err << "s1 report: cannot read " << options.log_path << '\n';
    return 2;
  }
  const auto log = nlohmann::json::parse(*log_text, nullptr, false);
  if (log.is_discarded() || !log.is_array()) {
    err << "s1 report: " << options.log_path << " is not an s1 audit log (a JSON array)\n";
    return 2;
  }
  ReportSources sources{options.log_path, std::nullopt, options.verify_status};
  if (!options.verify_output.empty()) {
    sources.verify_text = read_all(options.verify_output);
    if (!sources.verify_text) {
      err << "s1 report: cannot read " << options.verify_output << '\n';
      return 2;
    }
  }
  const std::string page = html_report(log, sources);
  // Written beside and renamed over, so a reader never sees half a page.
  const std::string partial = options.out_path + ".partial";
  {
    std::ofstream file(partial, std::ios::binary | std::ios::trunc);
    file << page;
    if (!file.flush()) {
      err << "s1 report: cannot write " << options.out_path << '\n';
      return 2;
    }
  }
  std::error_code ec;
  std::filesystem::rename(partial, options.out_path, ec);
  if (ec) {
    err << "s1 report: cannot write " << options.out_path << ": " << ec.message() << '\n';
    return 2;
  }
  out << std::filesystem::absolute(options.out_path).string() << '\n';
  return 0;
}

}  // namespace ld::s1
