#include "domain/customers/customer_page.hpp"

#include "core/error.hpp"

namespace ld {

std::int64_t after_customer_id(const PageRequest& page) {
  if (!page.after) return 0;
  const auto& after = *page.after;
  const auto it = after.is_object() ? after.find("id") : after.end();
  // An unsigned value past 2^63-1 reads back negative, so the sign test rejects it too.
  if (after.size() != 1 || it == after.end() || !it->is_number_integer() ||
      it->get<std::int64_t>() < 0) {
    throw invalid_field("cursor", "is not a cursor from a previous page");
  }
  return it->get<std::int64_t>();
}

nlohmann::json customer_cursor(const Customer& last) {
  return {{"id", last.id}};
}

}  // namespace ld
