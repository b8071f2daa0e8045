// The one place where typed errors become application/problem+json responses (RFC 9457).
// Internal details (driver messages, SQL) never reach the body; they go to the log.
#pragma once

#include <string>
#include <vector>
#include "core/error.hpp"

#include "http/message.hpp"

namespace ld::http {

int status_of(ErrorKind kind);

Response problem(const Error& error);
Response problem(int status, std::string detail, std::vector<FieldError> fields = {});

}  // namespace ld::http
