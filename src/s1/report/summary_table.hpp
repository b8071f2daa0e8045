// The tables printed after a run or a verification: traffic per endpoint, outcomes per phase.
#pragma once

#include <ostream>
#include <vector>

#include "s1/report/outcome_tally.hpp"
#include "s1/report/traffic_stats.hpp"

namespace ld::s1 {

void print_traffic_table(std::ostream& out, const std::vector<EndpointSummary>& endpoints);
void print_outcome_table(std::ostream& out, const std::vector<OutcomeTally>& phases);

}  // namespace ld::s1
