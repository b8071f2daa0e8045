#include "domain/orders/placing_claim.hpp"

#include <exception>
#include <utility>

#include "core/log.hpp"

namespace ld {

PlacingClaim::PlacingClaim(OrderRepository& orders, std::string order_id)
    : orders_(orders), order_id_(std::move(order_id)) {
  orders_.begin_placing(order_id_);
}

PlacingClaim::~PlacingClaim() {
  try {
    orders_.end_placing(order_id_);
  } catch (const std::exception& e) {
    // No longer renewed, the claim lapses within one lease: the sweep only acts later.
    log::event(spdlog::level::debug, "placement claim left to lapse",
               {{"order_id", order_id_}, {"error", e.what()}});
  }
}

}  // namespace ld
