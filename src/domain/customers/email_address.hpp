// The e-mail rule of the API: one '@', a non-empty local part, a domain with a dot, at most 254
// characters. Deliberately no fuller RFC 5322 grammar: the address is proven by mail, not here.
#pragma once

#include <string_view>

namespace ld {

inline constexpr std::size_t kMaxEmailChars = 254;

bool is_valid_email(std::string_view email);

}  // namespace ld
