#include "e2e/s1/s1_e2e_fixture.hpp"

#include <unistd.h>

#include <regex>
#include <set>

#include "s1/audit_log/log_writer.hpp"

namespace ld::test {

IsolatedStores S1EndToEnd::stores_;
std::unique_ptr<FakeGoogleBooksProcess> S1EndToEnd::google_;
std::unique_ptr<S2Process> S1EndToEnd::s2_;

void S1EndToEnd::SetUpTestSuite() {
  stores_.create();
  google_ = std::make_unique<FakeGoogleBooksProcess>(
      std::vector<std::string>{"--require-key", kGoogleKey});
  s2_ = std::make_unique<S2Process>(stores_.s2_env());
}

void S1EndToEnd::TearDownTestSuite() {
  s2_.reset();
  google_.reset();
}

void S1EndToEnd::SetUp() {
  stores_.reset();
}

std::string S1EndToEnd::log_path(const std::string& name) const {
  return "/tmp/s1-e2e-" + std::to_string(::getpid()) + "-" + name + ".json";
}

S1Process::Env S1EndToEnd::s1_env() {
  return {{"GOOGLE_BOOKS_API_URL", google_->base_url()},
          {"GOOGLE_BOOKS_API_KEY", kGoogleKey},
          {"S2_URL", ""},
          {"S2_API_TOKEN", ""}};
}

std::vector<std::string> S1EndToEnd::run_args(const std::string& log,
                                              std::vector<std::string> extra) {
  std::vector<std::string> args{"run", "--server", s2_->base_url(), "--log", log};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

nlohmann::json parse_log(const std::string& path) {
  ld::s1::wait_until_written(path);  // a killed s1's writer may still finish its last entry
  const auto text = read_file(path);
  auto log = nlohmann::json::parse(text, nullptr, false);
  EXPECT_TRUE(log.is_array()) << path << " is not a JSON array";
  return log.is_array() ? log : nlohmann::json::array();
}

std::vector<std::string> acknowledged_ids(const nlohmann::json& log, const std::string& route) {
  std::vector<std::string> ids;
  std::set<std::string> seen;
  for (const auto& e : log) {
    const auto& request = e["request"];
    if (request["method"] != "POST") continue;
    const auto url = request["url"].get<std::string>();
    if (url.size() < route.size() || url.compare(url.size() - route.size(), route.size(), route)) {
      continue;
    }
    if (!e["response"].is_object()) continue;
    const int status = e["response"]["status"];
    if (status < 200 || status >= 300) continue;
    const auto& id = e["response"]["body"]["id"];
    const auto text = id.is_string() ? id.get<std::string>() : id.dump();
    if (seen.insert(text).second) ids.push_back(text);
  }
  return ids;
}

StoreRow store_row(const std::string& out, const std::string& store) {
  std::smatch m;
  const std::regex row(store + R"(\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+))");
  StoreRow r;
  if (std::regex_search(out, m, row)) {
    r = {std::stol(m[1]), std::stol(m[2]), std::stol(m[3]),
         std::stol(m[4]), std::stol(m[5]), std::stol(m[6])};
  }
  return r;
}

}  // namespace ld::test
