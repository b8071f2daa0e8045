// What S2 adds to the operator's PostgreSQL connection string: a connect timeout, so that a
// server that accepts TCP but never answers cannot hold a request past its deadline.
#pragma once

#include <chrono>
#include <string>

namespace ld::postgres {

// Adds connect_timeout (whole seconds, rounded up; libpq's minimum is 2) to a URI
// (postgresql://...) or keyword/value connection string, unless it already sets one.
std::string with_connect_timeout(const std::string& conninfo, std::chrono::milliseconds timeout);

}  // namespace ld::postgres
