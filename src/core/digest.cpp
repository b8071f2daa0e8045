#include "core/digest.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <array>

#include <fmt/format.h>

namespace ld::digest {

namespace {
std::array<unsigned char, 32> sha256(std::string_view data) {
  std::array<unsigned char, 32> md{};
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), md.data(), &len, EVP_sha256(), nullptr);
  return md;
}
}  // namespace

std::string sha256_hex(std::string_view data) {
  std::string out;
  out.reserve(64);
  for (unsigned char b : sha256(data)) out += fmt::format("{:02x}", b);
  return out;
}

bool equal_constant_time(std::string_view a, std::string_view b) {
  // Hashing first gives equal-length inputs, so neither length nor content leaks.
  const auto ha = sha256(a);
  const auto hb = sha256(b);
  return CRYPTO_memcmp(ha.data(), hb.data(), ha.size()) == 0;
}

}  // namespace ld::digest
