#include "http/problem.hpp"

#include "core/store_busy.hpp"
#include "http/status.hpp"

namespace ld::http {

namespace {

nlohmann::json problem_body(int status, const std::string& detail,
                            const std::vector<FieldError>& fields) {
  nlohmann::json body = {{"type", "about:blank"},
                         {"title", std::string(reason_phrase(status))},
                         {"status", status},
                         {"detail", detail}};
  if (!fields.empty()) {
    auto& errors = body["errors"] = nlohmann::json::array();
    for (const auto& f : fields) errors.push_back({{"field", f.field}, {"message", f.message}});
  }
  return body;
}

Response problem_response(int status, const nlohmann::json& body) {
  auto response = Response::json(status, body);
  response.content_type = "application/problem+json";
  return response;
}

}  // namespace

int status_of(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::invalid:
      return 400;
    case ErrorKind::unauthorized:
      return 401;
    case ErrorKind::not_found:
      return 404;
    case ErrorKind::payload_too_large:
      return 413;
    case ErrorKind::unsupported_media_type:
      return 415;
    case ErrorKind::unprocessable:
      return 422;
    case ErrorKind::conflict:
      return 409;
    case ErrorKind::unavailable:
      return 503;
    case ErrorKind::internal:
      return 500;
  }
  return 500;
}

Response problem(int status, std::string detail, std::vector<FieldError> fields) {
  return problem_response(status, problem_body(status, detail, fields));
}

Response problem(const Error& error) {
  const int status = status_of(error.kind());
  auto body = problem_body(status, error.detail(), error.fields());
  const auto* down = dynamic_cast<const StoreUnavailable*>(&error);
  // Name the store in the body too, so a client can tell which dependency failed.
  if (down) body["store"] = down->store();
  auto response = problem_response(status, body);
  if (down) response.set_header("Retry-After", dynamic_cast<const StoreBusy*>(down) ? "1" : "5");
  if (status == 401) response.set_header("WWW-Authenticate", "Bearer");
  return response;
}

}  // namespace ld::http
