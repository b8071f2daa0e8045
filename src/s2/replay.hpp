// A response as an idempotency record keeps it (domain/shared/idempotency.hpp), and back: the
// replay of a keyed request is the first answer byte for byte, marked Idempotent-Replayed.
#pragma once

#include "domain/shared/idempotency.hpp"
#include "http/message.hpp"

namespace ld::s2 {

StoredResponse stored_response(const http::Response& response);
http::Response replayed(const StoredResponse& stored);

}  // namespace ld::s2
