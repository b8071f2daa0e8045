#include "support/api_client.hpp"

#include <utility>

namespace ld::test {

Answer send_request(net::HttpClient& client, const std::string& method, const std::string& url,
                    const std::string& body, net::Headers headers,
                    const std::string& content_type) {
  if (!body.empty()) headers.emplace_back("Content-Type", content_type);
  auto raw = client.send({method, url, std::move(headers), body});
  Answer answer;
  answer.status = raw.status;
  if (!raw.body.empty()) answer.body = nlohmann::json::parse(raw.body, nullptr, false);
  answer.raw = std::move(raw);
  return answer;
}

std::vector<std::string> fields_of(const Answer& answer) {
  std::vector<std::string> fields;
  if (!answer.body.is_object()) return fields;
  for (const auto& e : answer.body.value("errors", nlohmann::json::array())) {
    fields.push_back(e.value("field", ""));
  }
  return fields;
}

}  // namespace ld::test
