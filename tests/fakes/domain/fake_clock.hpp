// The time the in-memory stores write into their records: the real clock unless a test sets it.
#pragma once

#include <optional>

#include "core/clock.hpp"

namespace ld::fakes {

struct FakeClock {
  std::optional<clock::Millis> fixed;
  clock::Millis now() const { return fixed ? *fixed : clock::now_ms(); }
};

}  // namespace ld::fakes
