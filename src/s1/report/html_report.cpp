#include "s1/report/html_report.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <regex>
#include <vector>

#include <fmt/format.h>

#include "s1/report/traffic_stats.hpp"

namespace ld::s1 {

namespace {

// Latency histogram buckets (upper bounds, ms); the last collects everything slower.
constexpr std::array<double, 11> kBucketsMs = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000};
// A failed request's bodies are shown up to this size; the log keeps them whole.
constexpr std::size_t kBodyShown = 4000;

struct Attempt {
  std::string phase;
  std::string endpoint;
  long status = 0;  // 0: no answer
  double ms = 0;
  int attempt = 1;
  const nlohmann::json* entry = nullptr;
};

struct Tally {
  std::size_t sent = 0, ok = 0, client_errors = 0, server_errors = 0, no_answer = 0, retries = 0;
  void add(const Attempt& a) {
    ++sent;
    if (a.status == 0)
      ++no_answer;
    else if (a.status < 400)
      ++ok;
    else if (a.status < 500)
      ++client_errors;
    else
      ++server_errors;
    if (a.attempt > 1) ++retries;
  }
};

bool is_id_segment(const std::string& s) {
  static const std::regex kId(
      "[0-9]+|[0-9a-fA-F]{24}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
      "[0-9a-fA-F]{12}");
  return std::regex_match(s, kId);
}

std::string text_of(const nlohmann::json& value) {
  if (value.is_null()) return {};
  if (value.is_string()) return value.get<std::string>();
  return value.dump(2);
}

std::string shown_body(const nlohmann::json& body) {
  std::string text = text_of(body);
  if (text.size() > kBodyShown) {
    text = fmt::format("{}\n… ({} bytes more in the log)", text.substr(0, kBodyShown),
                       text.size() - kBodyShown);
  }
  return text;
}

std::string ms_text(double ms) {
  return ms < 10 ? fmt::format("{:.2f} ms", ms) : fmt::format("{:.0f} ms", ms);
}

// A bar chart of the latency histogram, as inline SVG with a text alternative.
std::string histogram_svg(const std::string& endpoint, const std::vector<double>& samples) {
  std::array<std::size_t, kBucketsMs.size() + 1> counts{};
  for (const double ms : samples) {
    const auto it = std::lower_bound(kBucketsMs.begin(), kBucketsMs.end(), ms);
    ++counts[static_cast<std::size_t>(it - kBucketsMs.begin())];
  }
  const std::size_t top = std::max<std::size_t>(1, *std::max_element(counts.begin(), counts.end()));
  constexpr int kBarW = 26, kGap = 4, kH = 90, kLabelH = 28;
  const int width = static_cast<int>(counts.size()) * (kBarW + kGap);
  std::string described;
  std::string bars;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    const std::string label = i < kBucketsMs.size() ? fmt::format("≤{:g}", kBucketsMs[i])
                                                    : fmt::format(">{:g}", kBucketsMs.back());
    const int h = static_cast<int>(static_cast<double>(counts[i]) / static_cast<double>(top) * kH);
    const int x = static_cast<int>(i) * (kBarW + kGap);
    bars += fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><title>{} ms: {}</title></rect>"
        "<text x=\"{}\" y=\"{}\" class=\"n\">{}</text><text x=\"{}\" y=\"{}\">{}</text>",
        x, kH - h + 12, kBarW, h, label, counts[i], x + kBarW / 2, kH - h + 10,
        counts[i] ? std::to_string(counts[i]) : "", x + kBarW / 2, kH + 12 + kLabelH / 2, label);
    if (counts[i]) described += fmt::format("{} ms: {}; ", label, counts[i]);
  }
  return fmt::format(
      "<svg class=\"hist\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\">{}</svg>", width,
      kH + 12 + kLabelH, escape_html("Latency histogram of " + endpoint + ": " + described), bars);
}

constexpr const char* kStyle = R"css(
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;color:#1f2937;
background:#f3f4f6;margin:0;line-height:1.5}
main{max-width:72rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;margin:.25rem 0}h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
.hint{color:#4b5563;font-size:.875rem}
table{border-collapse:collapse;width:100%;background:#fff;border:1px solid #d1d5db}
th,td{text-align:left;padding:.3rem .6rem;border-top:1px solid #d1d5db;vertical-align:top}
thead th{background:#e5e7eb;font-size:.875rem}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.wrap{overflow-x:auto}
.ok{color:#047857;font-weight:700}.bad{color:#b91c1c;font-weight:700}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));gap:.75rem}
.card{background:#fff;border:1px solid #d1d5db;border-radius:8px;padding:.5rem .75rem}
.card strong{display:block;font-size:1.5rem}
.endpoint{background:#fff;border:1px solid #d1d5db;border-radius:8px;padding:.5rem .75rem;margin:.5rem 0}
.hists{display:grid;grid-template-columns:repeat(auto-fit,minmax(20rem,1fr));gap:.75rem}
.hist{width:100%;height:auto}.hist rect{fill:#1d4ed8}
.hist text{font-size:10px;text-anchor:middle;fill:#4b5563}.hist text.n{fill:#1f2937}
details{background:#fff;border:1px solid #d1d5db;border-radius:6px;margin:.4rem 0;padding:.25rem .75rem}
summary{cursor:pointer;overflow-wrap:anywhere}
pre{background:#f3f4f6;border:1px solid #d1d5db;padding:.5rem;overflow-x:auto;font-size:.8125rem}
code,pre{font-family:ui-monospace,'DejaVu Sans Mono',Menlo,monospace}
)css";

}  // namespace

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string endpoint_of(const std::string& method, const std::string& url) {
  std::string path = url;
  if (const auto scheme = path.find("://"); scheme != std::string::npos) {
    const auto slash = path.find('/', scheme + 3);
    path = slash == std::string::npos ? "/" : path.substr(slash);
  }
  path = path.substr(0, path.find_first_of("?#"));
  std::string out;
  std::size_t start = 1;
  while (start <= path.size()) {
    const auto end = std::min(path.find('/', start), path.size());
    const std::string segment = path.substr(start, end - start);
    out += "/" + (is_id_segment(segment) ? std::string("{id}") : segment);
    start = end + 1;
  }
  return method + " " + (out.empty() ? "/" : out);
}

std::string html_report(const nlohmann::json& log, const ReportSources& sources) {
  std::vector<Attempt> attempts;
  std::size_t skipped = 0;
  std::string first_time, last_time;
  if (log.is_array()) {
    for (const auto& entry : log) {
      if (!entry.is_object() || !entry.contains("request") || !entry["request"].is_object()) {
        ++skipped;
        continue;
      }
      Attempt a;
      a.entry = &entry;
      a.phase = entry.value("phase", "?");
      const auto& request = entry["request"];
      a.endpoint = endpoint_of(request.value("method", "?"), request.value("url", ""));
      const auto response = entry.find("response");
      if (response != entry.end() && response->is_object())
        a.status = response->value("status", 0L);
      a.ms = entry.value("duration_ms", 0.0);
      a.attempt = entry.value("attempt", 1);
      const std::string time = entry.value("time", "");
      if (first_time.empty()) first_time = time;
      if (!time.empty()) last_time = time;
      attempts.push_back(a);
    }
  }

  std::map<std::string, Tally> phases;
  std::vector<std::string> phase_order;
  std::map<std::string, std::vector<double>> latencies;
  std::map<std::string, Tally> endpoint_tally;
  std::vector<std::string> endpoint_order;
  Tally all;
  for (const auto& a : attempts) {
    if (!phases.contains(a.phase)) phase_order.push_back(a.phase);
    phases[a.phase].add(a);
    if (!endpoint_tally.contains(a.endpoint)) endpoint_order.push_back(a.endpoint);
    endpoint_tally[a.endpoint].add(a);
    if (a.status != 0) latencies[a.endpoint].push_back(a.ms);
    all.add(a);
  }

  std::string html = fmt::format(
      "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>S1 report · {0}</title><style>{1}</style></head><body><main>"
      "<h1>S1 report</h1><p class=\"hint\">From <code>{0}</code>: {2} requests, {3} to {4}.</p>",
      escape_html(sources.log_name), kStyle, attempts.size(), escape_html(first_time),
      escape_html(last_time));
  if (skipped)
    html += fmt::format("<p class=\"bad\">{} log entries were not requests and were skipped.</p>",
                        skipped);

  // Verdict first: it is what a reader wants to know.
  if (sources.verify_text || sources.verify_exit_code) {
    const bool passed = sources.verify_exit_code ? *sources.verify_exit_code == 0 : false;
    html += "<h2 id=\"verify\">Verify</h2>";
    if (sources.verify_exit_code) {
      html += fmt::format(
          "<p class=\"{}\">s1 verify {} (exit status {}).</p>", passed ? "ok" : "bad",
          passed ? "passed: everything S2 acknowledged is stored as sent, once" : "found problems",
          *sources.verify_exit_code);
    }
    if (sources.verify_text) html += "<pre>" + escape_html(*sources.verify_text) + "</pre>";
  }

  html += fmt::format(
      "<h2 id=\"totals\">Totals</h2><div class=\"cards\">"
      "<div class=\"card\"><strong>{}</strong>requests sent</div>"
      "<div class=\"card\"><strong class=\"ok\">{}</strong>answered 2xx/3xx</div>"
      "<div class=\"card\"><strong>{}</strong>answered 4xx</div>"
      "<div class=\"card\"><strong class=\"{}\">{}</strong>answered 5xx</div>"
      "<div class=\"card\"><strong class=\"{}\">{}</strong>without an answer</div>"
      "<div class=\"card\"><strong>{}</strong>retries</div></div>",
      all.sent, all.ok, all.client_errors, all.server_errors ? "bad" : "", all.server_errors,
      all.no_answer ? "bad" : "", all.no_answer, all.retries);

  const auto tally_cells = [](const Tally& t) {
    return fmt::format(
        "<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>"
        "<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>",
        t.sent, t.ok, t.client_errors, t.server_errors, t.no_answer, t.retries);
  };
  const char* tally_head =
      "<th class=\"n\">sent</th><th class=\"n\">2xx/3xx</th><th class=\"n\">4xx</th>"
      "<th class=\"n\">5xx</th><th class=\"n\">no answer</th><th class=\"n\">retries</th>";
  html += fmt::format(
      "<h2 id=\"phases\">Outcomes per phase</h2><div class=\"wrap\"><table><thead>"
      "<tr><th>phase</th>{}</tr></thead><tbody>",
      tally_head);
  for (const auto& phase : phase_order) {
    html += fmt::format("<tr><th scope=\"row\">{}</th>{}</tr>", escape_html(phase),
                        tally_cells(phases[phase]));
  }
  html += "</tbody></table></div>";

  html += fmt::format(
      "<h2 id=\"endpoints\">Latency per endpoint</h2><div class=\"wrap\"><table><thead><tr>"
      "<th>endpoint</th>{}<th class=\"n\">p50</th><th class=\"n\">p90</th><th class=\"n\">p99</th>"
      "<th class=\"n\">max</th></tr></thead><tbody>",
      tally_head);
  for (const auto& endpoint : endpoint_order) {
    const auto& samples = latencies[endpoint];
    const auto pct = [&](double p) {
      return samples.empty() ? "—" : ms_text(percentile(samples, p));
    };
    html += fmt::format(
        "<tr><th scope=\"row\"><code>{}</code></th>{}<td class=\"n\">{}</td><td class=\"n\">{}</td>"
        "<td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
        escape_html(endpoint), tally_cells(endpoint_tally[endpoint]), pct(50), pct(90), pct(99),
        pct(100));
  }
  html +=
      "</tbody></table></div><p class=\"hint\">Latency of the attempts that got an answer, "
      "as S1 measured it (ms); percentiles by nearest rank.</p><div class=\"hists\">";
  for (const auto& endpoint : endpoint_order) {
    const auto& samples = latencies[endpoint];
    if (samples.empty()) continue;
    html += fmt::format("<div class=\"endpoint\"><code>{}</code>{}</div>", escape_html(endpoint),
                        histogram_svg(endpoint, samples));
  }
  html += "</div>";

  const auto request_line = [](const Attempt& a) {
    const auto& request = (*a.entry)["request"];
    return fmt::format("#{} {} {} {}", a.entry->value("seq", 0), request.value("method", "?"),
                       request.value("url", ""),
                       a.status ? std::to_string(a.status) : std::string("no answer"));
  };

  html += fmt::format("<h2 id=\"retries\">Retries ({})</h2>", all.retries);
  if (all.retries == 0)
    html += "<p>No request needed a retry.</p>";
  else {
    html += "<ul>";
    for (const auto& a : attempts) {
      if (a.attempt <= 1) continue;
      html += fmt::format("<li><code>{}</code> — attempt {}{}</li>", escape_html(request_line(a)),
                          a.attempt,
                          (*a.entry).value("error", nlohmann::json()).is_string()
                              ? ": " + escape_html((*a.entry)["error"].get<std::string>())
                              : "");
    }
    html += "</ul>";
  }

  std::size_t failed = 0;
  std::string failures;
  for (const auto& a : attempts) {
    if (a.status != 0 && a.status < 400) continue;
    ++failed;
    const auto& entry = *a.entry;
    const auto& request = entry["request"];
    failures += fmt::format(
        "<details><summary><code>{}</code> <span class=\"hint\">({}, {})</span>"
        "</summary><p>Sent {}, attempt {}, {}.</p>",
        escape_html(request_line(a)), escape_html(a.phase), ms_text(a.ms),
        escape_html(entry.value("time", "")), a.attempt, ms_text(a.ms));
    if (!request.value("body", nlohmann::json()).is_null()) {
      failures += "<p>Request body:</p><pre>" + escape_html(shown_body(request["body"])) + "</pre>";
    }
    if (a.status == 0) {
      failures += "<p class=\"bad\">No answer: " +
                  escape_html(entry.value("error", nlohmann::json()).is_string()
                                  ? entry["error"].get<std::string>()
                                  : std::string("unknown")) +
                  "</p>";
    } else {
      failures +=
          fmt::format("<p>Response {}:</p><pre>{}</pre>", a.status,
                      escape_html(shown_body(entry["response"].value("body", nlohmann::json()))));
    }
    failures += "</details>";
  }
  html += fmt::format("<h2 id=\"failures\">Failed requests ({})</h2>", failed);
  html += failed ? "<p class=\"hint\">Every attempt answered 4xx or 5xx, or not at all, with its "
                   "response. A run with --invalid-rate sends some bad requests on purpose.</p>" +
                       failures
                 : "<p class=\"ok\">No request failed.</p>";
  html += "</main></body></html>\n";
  return html;
}

}  // namespace ld::s1
