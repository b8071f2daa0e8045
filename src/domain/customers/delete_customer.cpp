#include "domain/customers/delete_customer.hpp"

#include <exception>

#include "core/error.hpp"
#include "core/log.hpp"

namespace ld {

namespace {

// Undoes OrderRepository::close_customer after a delete that did not happen. A failure only
// delays new orders for that customer until the mark runs out, so it is logged, not thrown.
void reopen(OrderRepository& orders, std::int64_t customer_id) noexcept {
  try {
    orders.reopen_customer(customer_id);
  } catch (const std::exception& e) {
    log::event(spdlog::level::warn, "customer left closed for orders until the mark runs out",
               {{"customer_id", customer_id}, {"error", e.what()}});
  }
}

}  // namespace

void delete_customer(CustomerRepository& customers, OrderRepository& orders,
                     std::int64_t customer_id) {
  if (!customers.exists(customer_id)) throw not_found("No customer has this id.");
  if (!orders.close_customer(customer_id)) {
    throw conflict("id", "The customer has orders and cannot be deleted.");
  }
  bool removed = false;
  try {
    removed = customers.remove(customer_id);
  } catch (...) {
    reopen(orders, customer_id);
    throw;
  }
  if (!removed) {
    reopen(orders, customer_id);
    throw not_found("No customer has this id.");
  }
}

}  // namespace ld
