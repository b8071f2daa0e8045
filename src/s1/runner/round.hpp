// `s1 run`: one round against S2 — customers, then books, then orders — with the audit log, the
// progress display and the summary tables.
#pragma once

#include <ostream>

#include "s1/cli/options.hpp"

namespace ld::s1 {

// Returns the exit status: 0 when every request that should have succeeded did, 1 when not,
// 2 when the round could not start (S2 unreachable, log not writable, no data), 130 when the
// user interrupted it. Tables go to `out`, progress and messages to `err`.
int run_round(const RunOptions& options, std::ostream& out, std::ostream& err);

}  // namespace ld::s1
