// The filters of GET /customers (?email= and ?q=), checked before they reach a store: both are
// free text from a URL, so they may hold NUL or broken UTF-8 that no store should see.
#pragma once

#include <optional>
#include <string>

#include "domain/customers/customer.hpp"

namespace ld {

// Trims both; an empty value means no filter. Throws a 400 Error naming "email" or "q".
CustomerFilter read_customer_filter(const std::optional<std::string>& email,
                                    const std::optional<std::string>& q);

}  // namespace ld
