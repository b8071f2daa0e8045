// The end-to-end suites' way of talking to a real s2: one request over real HTTP, its answer
// with the JSON body parsed, and the field names of a problem's errors.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "net/http_client.hpp"

namespace ld::test {

struct Answer {
  long status = 0;
  nlohmann::json body;  // discarded (is_discarded()) when the body is not JSON; null when empty
  net::HttpResponse raw;
  std::string header(const std::string& name) const { return raw.header(name); }
};

// Sends `body` (with `content_type` when there is a body) and reads the answer.
Answer send_request(net::HttpClient& client, const std::string& method, const std::string& url,
                    const std::string& body = "", net::Headers headers = {},
                    const std::string& content_type = "application/json");

// The "field" of every entry in a problem's "errors", in order.
std::vector<std::string> fields_of(const Answer& answer);

}  // namespace ld::test
