// ISO 3166-1 alpha-2 country codes, for a customer address's `country`.
#pragma once

#include <string_view>

namespace ld {

// True for one of the officially assigned alpha-2 codes, given in uppercase ("BR", "PT").
bool is_country_code(std::string_view code);

}  // namespace ld
