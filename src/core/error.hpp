// Typed errors shared by the domain, the stores and the HTTP layer. Each carries what the client
// may see (title, detail, field errors) apart from what only the server log may see (internal).
// One place (http/problem.cpp) turns them into application/problem+json.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace ld {

enum class ErrorKind {
  invalid,                 // 400: the request itself is wrong
  unauthorized,            // 401
  not_found,               // 404
  unsupported_media_type,  // 415
  payload_too_large,       // 413
  unprocessable,           // 422: references another resource that is missing or unusable
  conflict,                // 409: the current state forbids it
  unavailable,             // 503: a store is down or too slow
  internal,                // 500
};

struct FieldError {
  std::string field;
  std::string message;
  bool operator==(const FieldError&) const = default;
};

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, std::string detail, std::vector<FieldError> fields = {},
        std::string internal = {})
      : std::runtime_error(internal.empty() ? detail : internal),
        kind_(kind),
        detail_(std::move(detail)),
        fields_(std::move(fields)),
        internal_(std::move(internal)) {}

  ErrorKind kind() const { return kind_; }
  const std::string& detail() const { return detail_; }
  const std::vector<FieldError>& fields() const { return fields_; }
  const std::string& internal() const { return internal_; }

 private:
  ErrorKind kind_;
  std::string detail_;
  std::vector<FieldError> fields_;
  std::string internal_;
};

// A store that cannot answer. `store` is one of "postgres", "mongodb", "redis".
class StoreUnavailable : public Error {
 public:
  StoreUnavailable(std::string store, std::string internal)
      : Error(ErrorKind::unavailable, store + " is unavailable", {}, std::move(internal)),
        store_(std::move(store)) {}
  const std::string& store() const { return store_; }

 private:
  std::string store_;
};

// Short constructors for the common cases.
inline Error invalid(std::vector<FieldError> fields,
                     std::string detail = "The request has invalid fields.") {
  return Error(ErrorKind::invalid, std::move(detail), std::move(fields));
}
inline Error invalid_field(std::string field, std::string message) {
  return invalid({{std::move(field), std::move(message)}});
}
inline Error not_found(std::string detail) {
  return Error(ErrorKind::not_found, std::move(detail));
}
inline Error conflict(std::string field, std::string message) {
  std::string detail = message;
  return Error(ErrorKind::conflict, std::move(detail), {{std::move(field), std::move(message)}});
}
inline Error conflict_state(std::string detail) {
  return Error(ErrorKind::conflict, std::move(detail));
}
inline Error unprocessable(std::string field, std::string message) {
  std::string detail = message;
  return Error(ErrorKind::unprocessable, std::move(detail),
               {{std::move(field), std::move(message)}});
}

}  // namespace ld
