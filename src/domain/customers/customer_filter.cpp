#include "domain/customers/customer_filter.hpp"

#include <cstdint>

#include <fmt/format.h>

#include "core/text.hpp"
#include "core/violations.hpp"
#include "domain/customers/customer_input.hpp"
#include "domain/customers/email_address.hpp"

namespace ld {

namespace {

// Well-formed UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF).
bool is_valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1FU;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0FU;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07U;
    } else {
      return false;
    }
    if (i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3FU);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
      return false;
    }
    i += len;
  }
  return true;
}

std::optional<std::string> read_text(const std::optional<std::string>& raw, const char* field,
                                     std::size_t max_chars, Violations& v) {
  if (!raw) return std::nullopt;
  if (text::contains_nul(*raw)) {
    v.add(field, "must not contain NUL characters");
    return std::nullopt;
  }
  if (!is_valid_utf8(*raw)) {
    v.add(field, "must be valid UTF-8");
    return std::nullopt;
  }
  // The limit is on the value as sent, spaces included, as the OpenAPI document's maxLength.
  if (text::length(*raw) > max_chars) {
    v.add(field, fmt::format("must have at most {} characters", max_chars));
    return std::nullopt;
  }
  std::string value = text::trim(*raw);
  if (value.empty()) return std::nullopt;
  return value;
}

}  // namespace

CustomerFilter read_customer_filter(const std::optional<std::string>& email,
                                    const std::optional<std::string>& q) {
  Violations v;
  CustomerFilter filter;
  // A value longer than any stored one could never match; saying so beats an empty page.
  filter.email = read_text(email, "email", kMaxEmailChars, v);
  filter.q = read_text(q, "q", kMaxNameChars, v);
  v.throw_if_any();
  return filter;
}

}  // namespace ld
