// What the bookstore needs from the store that keeps orders (Redis).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/orders/order.hpp"
#include "domain/shared/idempotency.hpp"
#include "domain/shared/page.hpp"

namespace ld {

class OrderRepository {
 public:
  virtual ~OrderRepository() = default;

  // Writes the order and its index entries atomically (one MULTI/EXEC). When `outcome` is given,
  // the idempotency record is completed in the same transaction, so a crash can never leave an
  // order whose retry would place it again.
  virtual void insert(const Order& order, const IdempotencyOutcome* outcome) = 0;
  virtual std::optional<Order> find(const std::string& id) = 0;
  // Newest first (created_at, then id, descending); page.after holds the last item's key.
  virtual Page<Order> list(const OrderFilter& filter, const PageRequest& page) = 0;
  // Compare-and-set: stores `order` only if the stored status is still `expected`.
  virtual bool update_status(const Order& order, OrderStatus expected) = 0;
  virtual bool customer_has_orders(std::int64_t customer_id) = 0;
  virtual std::int64_t count() = 0;
};

}  // namespace ld
