// Value rules of a book's known fields that are more than a length: language tags and
// thumbnail links.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace ld::books {

// The longest language tag taken, in characters.
inline constexpr std::size_t kMaxLanguageTagChars = 35;

// A BCP 47 tag of a 2-3 letter language with optional script, region and variants ("pt",
// "pt-BR", "zh-Hant-TW", "es-419"). Returned in the canonical case BCP 47 recommends
// ("PT-br" -> "pt-BR"), so equal tags compare equal as text.
std::optional<std::string> canonical_language_tag(std::string_view text);

// An absolute http or https URL with a host, no white space or control characters, at most
// 2048 bytes.
bool is_http_url(std::string_view text);

}  // namespace ld::books
