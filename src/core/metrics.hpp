// A small Prometheus registry: labelled counters, histograms and gauges, rendered in the text
// exposition format. Thread-safe; one instance lives in the composition root.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace ld {

class Metrics {
 public:
  using Labels = std::vector<std::pair<std::string, std::string>>;

  void count(const std::string& name, const Labels& labels, double by = 1.0);
  void observe(const std::string& name, const Labels& labels, double seconds);
  void set_gauge(const std::string& name, const Labels& labels, double value);

  // Declares a family's help text (shown as # HELP) and type before first use.
  void describe(const std::string& name, const std::string& type, const std::string& help);

  std::string render() const;

 private:
  struct Histogram {
    std::vector<std::uint64_t> buckets;
    std::uint64_t count = 0;
    double sum = 0;
  };
  struct Family {
    std::string type;
    std::string help;
    std::map<std::string, double> values;         // counters, gauges: label text -> value
    std::map<std::string, Histogram> histograms;  // label text -> histogram
  };

  static std::string label_text(const Labels& labels);
  Family& family(const std::string& name, const char* type);

  mutable std::mutex mutex_;
  std::map<std::string, Family> families_;
};

}  // namespace ld
