// Opaque pagination cursors: a keyset position (the last item's sort key) wrapped in base64url so
// clients treat it as a token. An old cursor stays valid because it names a position, not a page.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace ld::cursor {

std::string encode(const nlohmann::json& position);

// Throws a 400 Error on field "cursor" when the text is not a cursor this server made.
nlohmann::json decode(std::string_view token);

std::string base64url_encode(std::string_view bytes);
std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace ld::cursor
