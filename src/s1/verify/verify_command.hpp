// `s1 verify`: proves (or disproves) that everything S2 acknowledged in a run's log is stored
// as sent, once, in its store.
#pragma once

#include <ostream>

#include "s1/cli/options.hpp"

namespace ld::s1 {

// 0 when nothing is missing, different or duplicated; 1 when something is; 2 when the log
// can't be read or S2 can't be reached.
int run_verify(const VerifyOptions& options, std::ostream& out, std::ostream& err);

}  // namespace ld::s1
