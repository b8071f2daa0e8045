// A customer as the API shows it: unset optional fields left out, addresses always present,
// times in RFC 3339 with milliseconds, birth_date as YYYY-MM-DD.
#pragma once

#include <nlohmann/json.hpp>

#include "domain/customers/customer.hpp"

namespace ld {

nlohmann::json to_json(const Address& address);
nlohmann::json to_json(const Customer& customer);

// The customer's client-writable fields only (no id, no times): the document a merge patch is
// applied to.
nlohmann::json writable_json(const Customer& customer);

}  // namespace ld
