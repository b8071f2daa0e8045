#include "s1/runner/idempotency_key.hpp"

#include <fmt/format.h>

#include "core/digest.hpp"

namespace ld::s1 {

std::string idempotency_key(std::uint64_t seed, std::string_view phase, std::size_t index,
                            std::string_view body) {
  std::string hex =
      digest::sha256_hex(fmt::format("s1|{}|{}|{}|", seed, phase, index) + std::string(body));
  hex[12] = '8';                                                                // version 8
  hex[16] = "89ab"[(hex[16] <= '9' ? hex[16] - '0' : hex[16] - 'a' + 10) & 3];  // RFC variant
  return hex.substr(0, 8) + '-' + hex.substr(8, 4) + '-' + hex.substr(12, 4) + '-' +
         hex.substr(16, 4) + '-' + hex.substr(20, 12);
}

}  // namespace ld::s1
