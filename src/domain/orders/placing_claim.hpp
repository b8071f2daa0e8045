// One attempt's claim on the order id it is placing (OrderRepository::begin_placing), from
// before it holds any copy until it is over. While the claim lives, the stock-hold sweep leaves
// the attempt's holds alone; once it is gone (the attempt ended, or died with its S2 and the
// claim's lease lapsed), the sweep settles or gives them back at once.
#pragma once

#include <string>

#include "domain/orders/order_repository.hpp"

namespace ld {

class PlacingClaim {
 public:
  // Throws StoreUnavailable when the order store is down: nothing is held yet.
  PlacingClaim(OrderRepository& orders, std::string order_id);
  // Ends the claim; a store that is down leaves it to lapse with its lease.
  ~PlacingClaim();
  PlacingClaim(const PlacingClaim&) = delete;
  PlacingClaim& operator=(const PlacingClaim&) = delete;

 private:
  OrderRepository& orders_;
  std::string order_id_;
};

}  // namespace ld
