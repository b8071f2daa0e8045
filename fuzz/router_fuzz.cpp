// Request paths against S2's route table (the patterns of src/s2/routes.cpp): a match's
// parameters are always non-empty path segments.
#include <cstddef>
#include <cstdint>
#include <string>

#include "http/router.hpp"

namespace {

const ld::http::Router& routes() {
  static const ld::http::Router router = [] {
    ld::http::Router r;
    const auto answer = [](ld::http::Request&) { return ld::http::Response::no_content(); };
    for (const char* pattern :
         {"/customers", "/customers/{id}", "/customers/{id}/orders", "/books", "/books/{id}",
          "/orders", "/orders/{id}", "/health", "/ready", "/metrics", "/stats", "/openapi.json"}) {
      for (const char* method : {"GET", "POST", "PATCH", "DELETE"}) r.add(method, pattern, answer);
    }
    return r;
  }();
  return router;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const char* const methods[] = {"GET", "POST", "PATCH", "DELETE", "PUT"};
  ld::http::Request request;
  request.method = methods[data[0] % 5];
  request.path.assign(reinterpret_cast<const char*>(data) + 1, size - 1);
  const auto match = routes().match(request);
  if (match.kind == ld::http::Match::Kind::found) {
    for (const auto& [name, value] : request.params) {
      if (value.empty() || value.find('/') != std::string::npos) __builtin_trap();
    }
  }
  return 0;
}
