// JSON merge patch (RFC 7396) of a customer, under the same rules as a new customer: null
// removes an optional field, `addresses` replaces the whole list, {} changes nothing. The
// read-only fields (id, created_at, updated_at) and a null name or email get 400.
#pragma once

#include <nlohmann/json.hpp>

#include "domain/customers/customer.hpp"

namespace ld {

// Returns `current` with `patch` applied (same id and times). Throws a 400 Error listing every
// violation.
Customer apply_merge_patch(const Customer& current, const nlohmann::json& patch);

// Checks a patch on its own, before the customer is looked up: the API answers 400 for a bad
// body even when the customer does not exist.
void validate_merge_patch(const nlohmann::json& patch);

}  // namespace ld
