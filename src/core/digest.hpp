// SHA-256 and constant-time comparison (OpenSSL), for idempotency fingerprints and the API token.
#pragma once

#include <string>
#include <string_view>

namespace ld::digest {

// Lowercase hex SHA-256 of `data`.
std::string sha256_hex(std::string_view data);

// Compares without leaking, through timing, where (or whether, by length) the two differ.
bool equal_constant_time(std::string_view a, std::string_view b);

}  // namespace ld::digest
