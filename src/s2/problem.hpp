// The one place where typed errors become application/problem+json responses (RFC 9457).
// Internal details (driver messages, SQL) never reach the body; they go to the log.
#pragma once

#include "core/error.hpp"
#include "http/message.hpp"

namespace ld::s2 {

int status_of(ErrorKind kind);

http::Response problem(const Error& error);
http::Response problem(int status, std::string detail, std::vector<FieldError> fields = {});

}  // namespace ld::s2
