// pgbench reports no percentiles, so they come from its per-transaction log (-l), whose third
// column is each transaction's latency in microseconds; its own tps line gives the throughput.
#include "report/run_results.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <vector>

#include <nlohmann/json.hpp>

namespace ld::bench {

namespace fs = std::filesystem;

namespace {

std::optional<nlohmann::json> last_json_line(const fs::path& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::optional<nlohmann::json> found;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line.front() != '{') continue;  // wrk prints its own report first
    auto parsed = nlohmann::json::parse(line, nullptr, false);
    if (!parsed.is_discarded()) found = std::move(parsed);
  }
  return found;
}

Measured from_summary(const nlohmann::json& j, std::string source) {
  Measured m;
  m.source = std::move(source);
  m.requests = j.value("requests", std::uint64_t{0});
  m.errors = j.value("errors", std::uint64_t{0});
  m.requests_per_second = j.value("requests_per_second", 0.0);
  m.p50_ms = j.value("p50_ms", 0.0);
  m.p99_ms = j.value("p99_ms", 0.0);
  return m;
}

std::optional<Measured> read_pgbench(const fs::path& folder, const std::string& workload) {
  std::ifstream out(folder / (workload + ".out"));
  if (!out) return std::nullopt;
  const std::string text((std::istreambuf_iterator<char>(out)), std::istreambuf_iterator<char>());
  std::smatch match;
  Measured m;
  m.source = "pgbench";
  if (!std::regex_search(text, match, std::regex(R"(tps = ([0-9.]+))"))) return std::nullopt;
  m.requests_per_second = std::stod(match[1]);
  if (std::regex_search(text, match, std::regex(R"(number of failed transactions: ([0-9]+))"))) {
    m.errors = std::stoull(match[1]);
  }
  std::vector<std::uint64_t> latencies_us;
  for (const auto& entry : fs::directory_iterator(folder)) {
    const auto name = entry.path().filename().string();
    if (name.rfind(workload + ".log", 0) != 0) continue;
    std::ifstream log(entry.path());
    for (std::string line; std::getline(log, line);) {
      std::istringstream fields(line);
      std::string client, transaction;
      std::uint64_t us = 0;
      if (fields >> client >> transaction >> us) latencies_us.push_back(us);
    }
  }
  std::sort(latencies_us.begin(), latencies_us.end());
  m.requests = latencies_us.size();
  const auto at = [&](double fraction) {
    if (latencies_us.empty()) return 0.0;
    return static_cast<double>(latencies_us[static_cast<std::size_t>(
               fraction * static_cast<double>(latencies_us.size() - 1))]) /
           1000.0;
  };
  m.p50_ms = at(0.50);
  m.p99_ms = at(0.99);
  return m;
}

std::vector<double> read_numbers(const fs::path& path) {
  std::vector<double> numbers;
  std::ifstream in(path);
  for (double n = 0; in >> n;) numbers.push_back(n);
  return numbers;
}

}  // namespace

std::optional<Measured> read_s2(const std::string& run, const std::string& slug) {
  const auto j = last_json_line(fs::path(run) / "s2" / (slug + ".json"));
  if (!j) return std::nullopt;
  return from_summary(*j, "wrk");
}

std::optional<Measured> read_seed_stack(const std::string& run, const std::string& slug) {
  const auto j = last_json_line(fs::path(run) / "seed_stack" / (slug + ".json"));
  if (!j) return std::nullopt;
  return from_summary(*j, "wrk");
}

std::optional<Measured> read_raw(const std::string& run, const std::string& workload) {
  const fs::path folder = fs::path(run) / "raw";
  if (const auto j = last_json_line(folder / (workload + ".json"))) {
    return from_summary(*j, "store_baseline");
  }
  return read_pgbench(folder, workload);
}

Memory read_memory(const std::string& run) {
  Memory memory;
  const auto rss = read_numbers(fs::path(run) / "rss_kib.txt");
  memory.samples = rss.size();
  if (!rss.empty()) memory.peak_rss_mib = *std::max_element(rss.begin(), rss.end()) / 1024.0;
  const auto hwm = read_numbers(fs::path(run) / "hwm_kib.txt");
  if (!hwm.empty()) memory.hwm_mib = hwm.back() / 1024.0;
  return memory;
}

}  // namespace ld::bench
