// ISBN-10 and ISBN-13 as books carry them: accepted with hyphens or spaces, kept and compared as
// digits (and an uppercase X, the ISBN-10 check character for ten), only when the check digit
// holds.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ld::books {

// "85-359-0277-5" -> "8535902775"; "0-8044-2957-x" -> "080442957X".
std::optional<std::string> normalize_isbn10(std::string_view text);

// "978-85-359-0277-8" -> "9788535902778"; the prefix must be 978 or 979.
std::optional<std::string> normalize_isbn13(std::string_view text);

}  // namespace ld::books
