#include "s2/replay.hpp"

namespace ld::s2 {

StoredResponse stored_response(const http::Response& response) {
  return {response.status, response.body, response.content_type,
          response.header("Location").value_or("")};
}

http::Response replayed(const StoredResponse& stored) {
  http::Response response;
  response.status = stored.status;
  response.body = stored.body;
  response.content_type = stored.content_type;
  if (!stored.location.empty()) response.set_header("Location", stored.location);
  response.set_header("Idempotent-Replayed", "true");
  return response;
}

}  // namespace ld::s2
