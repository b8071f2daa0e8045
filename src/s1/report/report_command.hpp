// `s1 report`: reads an s1_log.json (and optionally what `s1 verify` printed) and writes the
// self-contained HTML report, printing its path.
#pragma once

#include <ostream>

#include "s1/cli/options.hpp"

namespace ld::s1 {

// 0 when the report was written; 2 when the log cannot be read or the page cannot be written.
int run_report(const ReportOptions& options, std::ostream& out, std::ostream& err);

}  // namespace ld::s1
