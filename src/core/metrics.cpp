#include "core/metrics.hpp"

#include <array>

#include <fmt/format.h>

namespace ld {

namespace {
// Latency buckets from half a millisecond to five seconds.
constexpr std::array<double, 13> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                             0.1,    0.25,  0.5,    1.0,   2.5,  5.0};

std::string escape(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}
}  // namespace

std::string Metrics::label_text(const Labels& labels) {
  std::string out;
  for (const auto& [k, v] : labels) {
    if (!out.empty()) out += ',';
    out += fmt::format("{}=\"{}\"", k, escape(v));
  }
  return out;
}

Metrics::Family& Metrics::family(const std::string& name, const char* type) {
  auto& f = families_[name];
  if (f.type.empty()) f.type = type;
  return f;
}

void Metrics::describe(const std::string& name, const std::string& type, const std::string& help) {
  std::lock_guard lock(mutex_);
  auto& f = families_[name];
  f.type = type;
  f.help = help;
}

void Metrics::count(const std::string& name, const Labels& labels, double by) {
  const auto key = label_text(labels);
  std::lock_guard lock(mutex_);
  family(name, "counter").values[key] += by;
}

void Metrics::set_gauge(const std::string& name, const Labels& labels, double value) {
  const auto key = label_text(labels);
  std::lock_guard lock(mutex_);
  family(name, "gauge").values[key] = value;
}

void Metrics::observe(const std::string& name, const Labels& labels, double seconds) {
  const auto key = label_text(labels);
  std::lock_guard lock(mutex_);
  auto& h = family(name, "histogram").histograms[key];
  if (h.buckets.empty()) h.buckets.assign(kBuckets.size(), 0);
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  }
  ++h.count;
  h.sum += seconds;
}

std::string Metrics::render() const {
  std::lock_guard lock(mutex_);
  std::string out;
  for (const auto& [name, f] : families_) {
    if (!f.help.empty()) out += fmt::format("# HELP {} {}\n", name, f.help);
    out += fmt::format("# TYPE {} {}\n", name, f.type);
    for (const auto& [labels, value] : f.values) {
      out += labels.empty() ? fmt::format("{} {}\n", name, value)
                            : fmt::format("{}{{{}}} {}\n", name, labels, value);
    }
    for (const auto& [labels, h] : f.histograms) {
      const std::string sep = labels.empty() ? "" : ",";
      for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        out += fmt::format("{}_bucket{{{}{}le=\"{}\"}} {}\n", name, labels, sep, kBuckets[i],
                           h.buckets[i]);
      }
      out += fmt::format("{}_bucket{{{}{}le=\"+Inf\"}} {}\n", name, labels, sep, h.count);
      out += fmt::format("{}_sum{{{}}} {}\n", name, labels, h.sum);
      out += fmt::format("{}_count{{{}}} {}\n", name, labels, h.count);
    }
  }
  return out;
}

}  // namespace ld
