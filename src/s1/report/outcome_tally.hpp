// How each planned record of a phase ended, told apart the way a user reads a run: created,
// already there, deliberately invalid and rejected, or a real failure.
#pragma once

#include <cstddef>
#include <string>

namespace ld::s1 {

struct OutcomeTally {
  std::string phase;
  std::size_t planned = 0;
  std::size_t created = 0;               // 201 (replays of an earlier answer included)
  std::size_t replayed = 0;              // of those, answered with Idempotent-Replayed
  std::size_t already_present = 0;       // met 409 on a field; the record S2 holds is reused
  std::size_t rejected_as_expected = 0;  // generated invalid, and S2 said 4xx
  std::size_t invalid_accepted = 0;      // generated invalid, yet S2 said 2xx
  std::size_t failed = 0;                // should have succeeded and did not
  std::size_t skipped = 0;               // needed a record an earlier phase failed to create

  // Every record that should have succeeded did, and every invalid one was refused.
  bool ok() const { return failed == 0 && skipped == 0 && invalid_accepted == 0; }
};

}  // namespace ld::s1
