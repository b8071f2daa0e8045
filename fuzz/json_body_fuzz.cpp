// Request bodies of every POST: the JSON rules, then each resource's reader. Any input may be
// refused with an Error (a 4xx); nothing else may escape, crash or leak.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/error.hpp"
#include "core/json_input.hpp"
#include "domain/books/book_input.hpp"
#include "domain/customers/customer_input.hpp"
#include "domain/orders/order_request.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  try {
    const auto doc = ld::json_input::parse_object(body);
    try {
      ld::parse_customer(doc);
    } catch (const ld::Error&) {
    }
    try {
      ld::books::read_new_book(doc);
    } catch (const ld::Error&) {
    }
    try {
      ld::read_order_request(doc);
    } catch (const ld::Error&) {
    }
    try {
      ld::read_status_change(doc);
    } catch (const ld::Error&) {
    }
  } catch (const ld::Error&) {
  }
  return 0;
}
