// Allowed status moves, written as the table the API documents.
#include "domain/orders/status_moves.hpp"

namespace ld {

bool can_move(OrderStatus from, OrderStatus to) {
  switch (from) {
    case OrderStatus::created:
      return to == OrderStatus::paid || to == OrderStatus::cancelled;
    case OrderStatus::paid:
      return to == OrderStatus::shipped || to == OrderStatus::cancelled;
    case OrderStatus::shipped:
      return to == OrderStatus::delivered;
    case OrderStatus::delivered:
    case OrderStatus::cancelled:
      return false;  // final states
  }
  return false;
}

}  // namespace ld
