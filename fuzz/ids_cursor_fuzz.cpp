// Ids in paths and query parameters, and pagination cursors: each either parses to a canonical
// value or is refused with a 400.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/cursor.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (const auto id = ld::ids::parse_customer_id(text)) {
    if (ld::ids::parse_customer_id(std::to_string(*id)) != id) __builtin_trap();
  }
  if (const auto id = ld::ids::parse_book_id(text)) {
    if (ld::ids::parse_book_id(*id) != id) __builtin_trap();
  }
  if (const auto id = ld::ids::parse_order_id(text)) {
    if (ld::ids::parse_order_id(*id) != id) __builtin_trap();
  }
  try {
    const auto position = ld::cursor::decode(text);
    // A cursor this server accepts must survive a round trip.
    if (ld::cursor::decode(ld::cursor::encode(position)) != position) __builtin_trap();
  } catch (const ld::Error&) {
  }
  if (const auto bytes = ld::cursor::base64url_decode(text)) {
    if (ld::cursor::base64url_decode(ld::cursor::base64url_encode(*bytes)) != bytes) {
      __builtin_trap();
    }
  }
  return 0;
}
