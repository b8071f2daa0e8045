// The OpenAPI document (docs/openapi.json), embedded in the binary at build time so the server
// always serves the description it was built with.
#pragma once

#include <string_view>

namespace ld::s2 {

std::string_view openapi_document();

}  // namespace ld::s2
