// Deliberately invalid POST /customers bodies for S1's --invalid-rate: each breaks exactly one
// rule of the contract, in one named field, so S2 must answer 400 naming that field.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "s1/generator/random.hpp"

namespace ld::s1 {

struct InvalidCustomer {
  nlohmann::json body;
  std::string field;  // the path S2 should name in errors[]: "cpf", "addresses[1].postal_code"
  std::string rule;   // what was broken, for logs and reports
};

// Breaks one rule, drawn at random, in `valid_body` (a valid customer with at least one address).
InvalidCustomer break_one_rule(nlohmann::json valid_body, Random& random);

}  // namespace ld::s1
