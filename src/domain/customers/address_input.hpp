// Validation of a customer's addresses: Brazilian state (UF) and postal code (CEP), ISO country.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/violations.hpp"
#include "domain/customers/customer.hpp"

namespace ld {

inline constexpr std::size_t kMaxStreetChars = 200;
inline constexpr std::size_t kMaxNumberChars = 20;
inline constexpr std::size_t kMaxComplementChars = 100;
inline constexpr std::size_t kMaxDistrictChars = 100;
inline constexpr std::size_t kMaxCityChars = 100;

// Reads one address object found at `path` (e.g. "addresses[2]").
Address read_address(const nlohmann::json& value, const std::string& path, Violations& v);

// Reads the `addresses` array; absent or null is an empty list.
std::vector<Address> read_addresses(const nlohmann::json& body, Violations& v,
                                    std::size_t max_count);

}  // namespace ld
