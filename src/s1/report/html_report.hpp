// `s1 report`: one self-contained HTML page (styles inline, charts as inline SVG, no script, no
// external file) that tells what a run did, from its s1_log.json: outcomes per phase, latency
// histograms and percentiles per endpoint, retries, every failed request with its response, and
// the output of `s1 verify` when given.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace ld::s1 {

struct ReportSources {
  std::string log_name;                    // shown as the page's source
  std::optional<std::string> verify_text;  // what `s1 verify` printed, when given
  std::optional<int> verify_exit_code;     // its exit status, when known
};

// `log` is the parsed s1_log.json (an array of entries). Entries that are not objects are
// counted and skipped, so a hand-edited log still gives a report.
std::string html_report(const nlohmann::json& log, const ReportSources& sources);

// "GET /books/{id}" for "GET http://host:5000/books/65f0...?x=1": ids (digits, 24 hex digits,
// UUIDs) become {id} so one endpoint is one row whatever record it touched.
std::string endpoint_of(const std::string& method, const std::string& url);

// Text made safe for HTML element content and attribute values.
std::string escape_html(std::string_view text);

}  // namespace ld::s1
