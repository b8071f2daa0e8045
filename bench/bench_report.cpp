// bench_report: turns run folders (report/run_results.hpp) into the benchmark tables on stdout
// and the same numbers as JSON (bench/results/latest.json), one table per catalog size, with the
// seed-stack app's throughput (bench/seed_stack/) beside S2's. Each endpoint's S2 throughput is
// compared with its raw-store baseline; POST /orders with the slowest of its three stores' work.
// Targets are reported, never enforced: timing on a shared machine is noise-prone.
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "report/run_results.hpp"

namespace {

using namespace ld::bench;
using nlohmann::json;

// Keep in step with the steps bench/run.sh runs (slug = wrk script, workloads = raw steps).
struct Endpoint {
  const char* name;
  const char* slug;
  const char* kind;  // read, write or order: which target applies
  double target;     // S2 req/s over the baseline's, at least
  std::vector<const char*> workloads;
};

const std::vector<Endpoint> kEndpoints = {
    {"POST /customers", "post_customers", "write", 0.6, {"pg_insert_customer"}},
    {"GET /customers/{id}", "get_customer", "read", 0.5, {"pg_select_customer"}},
    {"POST /books", "post_books", "write", 0.6, {"mongo_book_insert"}},
    {"GET /books/{id}", "get_book", "read", 0.5, {"mongo_book_find"}},
    {"GET /books?q=", "search_books", "read", 0.5, {"mongo_book_search"}},
    {"POST /orders",
     "post_orders",
     "order",
     0.4,
     {"pg_customer_exists", "mongo_order_books", "redis_order_insert"}},
    {"GET /orders/{id}", "get_order", "read", 0.5, {"redis_order_find"}},
};

constexpr double kMemoryLimitMib = 64;

json to_json(const Measured& m) {
  return {{"source", m.source}, {"requests", m.requests},
          {"errors", m.errors}, {"requests_per_second", m.requests_per_second},
          {"p50_ms", m.p50_ms}, {"p99_ms", m.p99_ms}};
}

std::string cell(const std::optional<double>& value, const char* format) {
  return value ? fmt::format(fmt::runtime(format), *value) : std::string("-");
}

// One catalog size's table; its rows (each with the catalog size) go to `rows`. Returns whether
// every ratio target was met.
bool report_run(const std::string& run, std::size_t catalog, json& rows) {
  fmt::print("\nCatalog of {} books\n", catalog);
  fmt::print("{:<20} {:>9} {:>8} {:>8} | {:<19} {:>9} {:>8} | {:>6} {:>6} {:>4} | {:>9} {:>7}\n",
             "endpoint", "S2 req/s", "p50 ms", "p99 ms", "raw baseline", "req/s", "p99 ms", "ratio",
             "target", "met", "seed req/s", "S2/seed");
  fmt::print("{}\n", std::string(142, '-'));
  bool all_met = true;
  for (const auto& endpoint : kEndpoints) {
    const auto s2 = read_s2(run, endpoint.slug);
    const auto seed_stack = read_seed_stack(run, endpoint.slug);
    json parts = json::array();
    std::optional<Measured> slowest;
    std::string slowest_name;
    bool complete = true;
    for (const char* workload : endpoint.workloads) {
      const auto raw = read_raw(run, workload);
      if (!raw) {
        complete = false;
        continue;
      }
      json part = to_json(*raw);
      part["workload"] = workload;
      parts.push_back(part);
      if (!slowest || raw->requests_per_second < slowest->requests_per_second) {
        slowest = raw;
        slowest_name = workload;
      }
    }
    if (!complete) slowest.reset();
    if (!s2 && !slowest && !seed_stack) continue;  // not run at this size
    std::optional<double> ratio;
    if (s2 && slowest && slowest->requests_per_second > 0) {
      ratio = s2->requests_per_second / slowest->requests_per_second;
    }
    std::optional<double> over_seed;
    if (s2 && seed_stack && seed_stack->requests_per_second > 0) {
      over_seed = s2->requests_per_second / seed_stack->requests_per_second;
    }
    const bool met = ratio && *ratio >= endpoint.target;
    all_met = all_met && met;
    rows.push_back({{"endpoint", endpoint.name},
                    {"catalog_books", catalog},
                    {"kind", endpoint.kind},
                    {"target", endpoint.target},
                    {"met", met},
                    {"s2", s2 ? to_json(*s2) : json(nullptr)},
                    {"raw_workload", slowest ? json(slowest_name) : json(nullptr)},
                    {"raw", slowest ? to_json(*slowest) : json(nullptr)},
                    {"raw_parts", parts},
                    {"ratio", ratio ? json(*ratio) : json(nullptr)},
                    {"seed_stack", seed_stack ? to_json(*seed_stack) : json(nullptr)},
                    {"s2_over_seed_stack", over_seed ? json(*over_seed) : json(nullptr)}});

    const auto value = [](const std::optional<Measured>& m, double Measured::*field) {
      return m ? std::optional<double>((*m).*field) : std::nullopt;
    };
    fmt::print("{:<20} {:>9} {:>8} {:>8} | {:<19} {:>9} {:>8} | {:>6} {:>6} {:>4} | {:>9} {:>7}\n",
               endpoint.name, cell(value(s2, &Measured::requests_per_second), "{:.0f}"),
               cell(value(s2, &Measured::p50_ms), "{:.2f}"),
               cell(value(s2, &Measured::p99_ms), "{:.2f}"), slowest ? slowest_name : "-",
               cell(value(slowest, &Measured::requests_per_second), "{:.0f}"),
               cell(value(slowest, &Measured::p99_ms), "{:.2f}"), cell(ratio, "{:.3f}"),
               fmt::format("{:.1f}", endpoint.target), met ? "yes" : "NO",
               cell(value(seed_stack, &Measured::requests_per_second), "{:.0f}"),
               cell(over_seed, "{:.2f}x"));
    if (s2 && s2->errors > 0) {
      fmt::print("{:<20} ! S2 side had {} failed or non-2xx responses\n", "", s2->errors);
    }
    if (seed_stack && seed_stack->errors > 0) {
      fmt::print("{:<20} ! seed stack had {} failed or non-2xx responses\n", "",
                 seed_stack->errors);
    }
    if (endpoint.workloads.size() > 1) {
      for (const auto& part : parts) {
        fmt::print("{:<20}   {:<19} {:>9.0f} {:>8.2f}\n", "",
                   "- " + part["workload"].get<std::string>(),
                   part["requests_per_second"].get<double>(), part["p99_ms"].get<double>());
      }
    }
  }
  return all_met;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> runs;
  std::vector<std::size_t> catalogs;
  std::string out;
  std::vector<std::string> context;
  CLI::App cli{"Prints the benchmark tables of one run and writes them as JSON."};
  cli.add_option("--run", runs, "Run folder of one catalog size, written by bench/run.sh")
      ->required();
  cli.add_option("--catalog", catalogs, "Books in the catalog of each --run, in the same order")
      ->required();
  cli.add_option("--out", out, "JSON file to write (e.g. bench/results/latest.json)")->required();
  cli.add_option("--context", context, "key=value facts about the run (machine, settings)");
  CLI11_PARSE(cli, argc, argv);
  if (runs.size() != catalogs.size()) {
    std::cerr << "bench_report: give one --catalog per --run\n";
    return 2;
  }

  json report = {{"measured_at", ld::clock::format_rfc3339(ld::clock::now_ms())}};
  json& facts = report["context"] = json::object();
  for (const auto& item : context) {
    const auto eq = item.find('=');
    if (eq != std::string::npos) facts[item.substr(0, eq)] = item.substr(eq + 1);
  }

  bool all_met = true;
  json rows = json::array();
  json memory_rows = json::array();
  for (std::size_t i = 0; i < runs.size(); ++i) {
    all_met = report_run(runs[i], catalogs[i], rows) && all_met;
    const auto memory = read_memory(runs[i]);
    const bool memory_met = memory.peak_rss_mib && *memory.peak_rss_mib < kMemoryLimitMib &&
                            (!memory.hwm_mib || *memory.hwm_mib < kMemoryLimitMib);
    all_met = all_met && memory_met;
    memory_rows.push_back(
        {{"catalog_books", catalogs[i]},
         {"peak_rss_mib", memory.peak_rss_mib ? json(*memory.peak_rss_mib) : json()},
         {"hwm_mib", memory.hwm_mib ? json(*memory.hwm_mib) : json()},
         {"samples", memory.samples},
         {"limit_mib", kMemoryLimitMib},
         {"met", memory_met}});
    fmt::print("{}\n", std::string(142, '-'));
    fmt::print(
        "S2 peak RSS during the load: {} MiB (VmHWM {} MiB, {} samples); limit {:.0f} MiB: "
        "{}\n",
        cell(memory.peak_rss_mib, "{:.1f}"), cell(memory.hwm_mib, "{:.1f}"), memory.samples,
        kMemoryLimitMib, memory_met ? "met" : "NOT met");
  }
  report["endpoints"] = rows;
  report["s2_memory"] = memory_rows;
  report["all_met"] = all_met;

  std::ofstream file(out);
  file << report.dump(2) << '\n';
  if (!file) {
    std::cerr << "bench_report: cannot write " << out << '\n';
    return 1;
  }
  return 0;
}
