// The Idempotency-Key of each POST: derived from the seed, the phase, the record's index and its
// body, so every retry of a record carries the same key, a rerun of the same seed replays
// instead of duplicating, and a different body never reuses a key (which S2 would refuse, 422).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace ld::s1 {

// UUID-shaped (RFC 9562 version 8, "custom"): 8-4-4-4-12 lowercase hex.
std::string idempotency_key(std::uint64_t seed, std::string_view phase, std::size_t index,
                            std::string_view body);

}  // namespace ld::s1
