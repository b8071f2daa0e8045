// What the bookstore needs from the store that keeps orders (Redis).
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "domain/orders/order.hpp"
#include "domain/shared/idempotency.hpp"
#include "domain/shared/page.hpp"

namespace ld {

// The order store took a write but its answer was lost: the order may or may not be stored.
class OrderOutcomeUnknown : public StoreUnavailable {
 public:
  using StoreUnavailable::StoreUnavailable;
};

class OrderRepository {
 public:
  virtual ~OrderRepository() = default;

  enum class Placement {
    placed,         // stored now
    placed_before,  // an earlier attempt with the same order id stored it; nothing written
    voided,         // the id was voided (placed_or_void); it can never be stored
    customer_gone,  // the customer is being or was deleted (close_customer); nothing written
  };
  // Writes the order and its index entries atomically (one script). When `outcome` is given,
  // the idempotency record is completed in the same step, so a crash can never leave an order
  // whose retry would place it again. Throws OrderOutcomeUnknown when the write was sent but
  // no answer came back; any other throw means nothing was written.
  virtual Placement insert(const Order& order, const IdempotencyOutcome* outcome) = 0;
  // An attempt to place the order `id` says it is running, before it holds any copy, and until
  // it ends (its order stored, or its holds given back or left to the sweep). The store keeps
  // the claim as a short lease that this process renews while the attempt runs, so the claim of
  // an attempt whose S2 died, or whose end was lost in an outage, lapses within one lease. The
  // stock-hold sweep leaves the holds of a claimed id alone and settles or gives back the
  // others at once, instead of waiting for them to expire. Throws StoreUnavailable; a claim
  // whose answer was lost simply lapses.
  virtual void begin_placing(const std::string& id) = 0;
  // The attempt is over. Only this process's claim is let go: an attempt of the same id in
  // this process still running keeps it. Throws StoreUnavailable (the claim then lapses).
  virtual void end_placing(const std::string& id) = 0;
  // Which of `ids` some attempt is placing now, in one round trip.
  virtual std::set<std::string> placing(const std::vector<std::string>& ids) = 0;
  // Settles an order whose outcome is unknown: true when it is stored; otherwise voids its id,
  // so that no attempt still in flight can store it later, and answers false.
  virtual bool placed_or_void(const std::string& id) = 0;
  virtual std::optional<Order> find(const std::string& id) = 0;
  // Newest first (created_at, then id, descending); page.after holds the last item's key.
  virtual Page<Order> list(const OrderFilter& filter, const PageRequest& page) = 0;
  // Compare-and-set: stores `order` only if the stored status is still `expected`. A move into a
  // status that gives stock back (gives_stock_back) lists the order's restock as due in the
  // same step, so the stock is given back even if S2 dies right after.
  virtual bool update_status(const Order& order, OrderStatus expected) = 0;
  // Orders whose restock became due before `before`, oldest first, at most `limit`.
  virtual std::vector<std::string> restocks_due_before(clock::Millis before, int limit) = 0;
  virtual bool restock_due(const std::string& order_id) = 0;
  // Every book of the order has its copies back.
  virtual void restock_done(const std::string& order_id) = 0;
  // Before a customer is deleted: false when the customer has orders (any status). Otherwise
  // marks the customer closed, in the same atomic step, so that an order checked against the
  // customer just before the delete can no longer be stored (insert answers customer_gone).
  virtual bool close_customer(std::int64_t customer_id) = 0;
  // Undoes close_customer when the delete did not happen.
  virtual void reopen_customer(std::int64_t customer_id) = 0;
  virtual std::int64_t count() = 0;
};

}  // namespace ld
