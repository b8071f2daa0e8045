// One HTTP attempt at Google Books as S1's audit log records it (phase google_books). The URL
// is already masked (key=***), and any echo of the key in the answer is replaced too.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace ld::s1::google_books {

struct GoogleExchange {
  std::string method, url_masked;
  int attempt = 1;
  long status = 0;  // 0: no answer (see error)
  std::vector<std::pair<std::string, std::string>> response_headers;
  std::string response_body;
  double duration_ms = 0;
  std::string error;  // the network error, when there was no answer
};

using GoogleObserver = std::function<void(const GoogleExchange&)>;

}  // namespace ld::s1::google_books
