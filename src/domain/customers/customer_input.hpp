// Turns a request body into a Customer under the API's rules, reporting every invalid field at
// once with its path ("addresses[0].postal_code").
#pragma once

#include <cstddef>

#include <nlohmann/json.hpp>

#include "core/violations.hpp"
#include "domain/customers/customer.hpp"

namespace ld {

// Length limits in Unicode characters. The PostgreSQL columns carry the same limits.
inline constexpr std::size_t kMaxNameChars = 200;
inline constexpr std::size_t kMaxPhoneChars = 30;
inline constexpr std::size_t kMaxAddresses = 20;

// Validates a POST /customers body. Unknown top-level fields are ignored. Throws a 400 Error
// listing every violation. The result has no id and no times.
Customer parse_customer(const nlohmann::json& body);

// The same rules, recording violations in `v` instead of throwing (for merge patches, which
// add their own violations first).
Customer read_customer(const nlohmann::json& body, Violations& v);

}  // namespace ld
