// How driver failures reach the rest of S2: a MongoDB that cannot answer (down, unreachable,
// too slow, shutting down) becomes StoreUnavailable("mongodb") and a 503; anything else the
// server refused is an internal error. The driver's own text goes only to the log.
#pragma once

#include <cstdint>

#include <string>

#include <bson/bson.h>

#include "core/error.hpp"

namespace ld::mongo {

bool is_duplicate_key(const bson_error_t& error);

// A write FerretDB's revision guard refused (book_writes.hpp): another write to the document came
// between its read and its write. Run it again on a fresh read; past the wait, a 503 like any
// busy store.
class StaleWrite : public StoreUnavailable {
 public:
  explicit StaleWrite(const std::string& internal) : StoreUnavailable("mongodb", internal) {}
};
bool is_stale_write(const bson_error_t& error);
bool is_unavailable(const bson_error_t& error);

// Throws StaleWrite, StoreUnavailable or an internal ld::Error for `error`, naming `operation` in
// the internal text.
[[noreturn]] void throw_driver_error(const bson_error_t& error, const char* operation);

// How many operations of this thread were cut off (StoreUnavailable thrown above): such an
// operation may still be running on the server, so a book lock held around one must not be
// given back at once (book_lock.hpp).
std::uint64_t operations_cut_off();

}  // namespace ld::mongo
