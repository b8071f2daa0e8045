// The keyset position of a customers page: {"id": <the last id seen>}, ids ascending.
#pragma once

#include <cstdint>

#include <nlohmann/json.hpp>

#include "domain/customers/customer.hpp"
#include "domain/shared/page.hpp"

namespace ld {

// The id after which the page starts; 0 for the first page. Throws a 400 on "cursor" for a
// cursor that is not a customers cursor (one from another list, or made up).
std::int64_t after_customer_id(const PageRequest& page);

nlohmann::json customer_cursor(const Customer& last);

}  // namespace ld
