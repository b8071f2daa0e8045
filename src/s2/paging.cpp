#include "s2/paging.hpp"

#include <charconv>

#include "core/error.hpp"

namespace ld::s2 {

PageRequest read_page(const http::Request& request) {
  PageRequest page;
  if (const auto limit = request.query_param("limit")) {
    int value = 0;
    const auto [ptr, ec] = std::from_chars(limit->data(), limit->data() + limit->size(), value);
    if (limit->empty() || ec != std::errc{} || ptr != limit->data() + limit->size() || value < 1 ||
        value > 100) {
      throw invalid_field("limit", "must be an integer from 1 to 100");
    }
    page.limit = value;
  }
  if (const auto token = request.query_param("cursor")) page.after = cursor::decode(*token);
  return page;
}

}  // namespace ld::s2
