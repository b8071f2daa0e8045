#include "domain/customers/email_address.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace ld {

bool is_valid_email(std::string_view email) {
  if (email.empty() || text::length(email) > kMaxEmailChars) return false;
  // Spaces and control characters never belong in an address and would make the stored value
  // ambiguous to compare.
  const bool printable = std::none_of(email.begin(), email.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7F;
  });
  if (!printable) return false;
  const auto at = email.find('@');
  if (at == std::string_view::npos || email.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  const auto local = email.substr(0, at);
  const auto domain = email.substr(at + 1);
  if (local.empty() || local.size() > 64) return false;
  if (domain.find('.') == std::string_view::npos) return false;
  if (domain.front() == '.' || domain.back() == '.') return false;
  return domain.find("..") == std::string_view::npos;
}

}  // namespace ld
