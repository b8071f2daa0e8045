// OrderRepository in memory, with the contract of order_repository.hpp: an order and its
// idempotency record stored together, voided ids that can never be stored, the claims of
// placements running (kept until ended; their lapse is a test's to play), compare-and-set
// status changes that list a cancellation's restock as due, closed customers, and the faults a
// test injects (faults.hpp; operation names are the method names). A lost answer of insert
// throws OrderOutcomeUnknown, as the contract says.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "domain/orders/order_repository.hpp"
#include "fakes/domain/fake_clock.hpp"
#include "fakes/domain/fake_store.hpp"

namespace ld::fakes {

class FakeOrderRepository final : public OrderRepository, public FakeStore {
 public:
  FakeOrderRepository() : FakeStore("redis") {}

  Placement insert(const Order& order, const IdempotencyOutcome* outcome) override;
  void begin_placing(const std::string& id) override;
  void end_placing(const std::string& id) override;
  std::set<std::string> placing(const std::vector<std::string>& ids) override;
  bool placed_or_void(const std::string& id) override;
  std::optional<Order> find(const std::string& id) override;
  Page<Order> list(const OrderFilter& filter, const PageRequest& page) override;
  bool update_status(const Order& order, OrderStatus expected) override;
  std::vector<std::string> restocks_due_before(clock::Millis before, int limit) override;
  bool restock_due(const std::string& order_id) override;
  void restock_done(const std::string& order_id) override;
  bool close_customer(std::int64_t customer_id) override;
  void reopen_customer(std::int64_t customer_id) override;
  std::int64_t count() override;

  FakeClock clock;

  // For tests: what insert recorded for keyed requests, by key; and the state kept beside orders.
  std::map<std::string, IdempotencyOutcome> records;
  std::set<std::string> voided;
  // The claims of placements running now: order id -> how many attempts hold it. A test plays
  // an S2 that died mid-placement by erasing its claim, as the lapse of its lease would.
  std::map<std::string, int> claims;
  std::set<std::int64_t> closed_customers;
  std::map<std::string, clock::Millis> restocks_due;  // order id -> when it became due

 private:
  std::map<std::string, Order> orders_;
};

}  // namespace ld::fakes
