// The Redis work behind POST /orders and GET /orders/{id}, done with hiredis directly: the same
// keys, the same order encoding and the same pipelined MULTI/EXEC that S2's order store sends.
#pragma once

#include <string>

#include "baseline/load_run.hpp"
#include "baseline/seed.hpp"

namespace ld::bench {

// One order written with its four index entries in one MULTI/EXEC round trip.
OperationFactory redis_order_insert(const std::string& url, const Seed& seed);
// One order read by id (a GET of its key), ids picked from the seeded orders.
OperationFactory redis_order_find(const std::string& url, const Seed& seed);

}  // namespace ld::bench
