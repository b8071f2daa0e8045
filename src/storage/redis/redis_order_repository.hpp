// OrderRepository on Redis: each order is a JSON string with its entries in four sorted-set
// indexes (see order_keys.hpp), all written together so a reader never sees half an order.
#pragma once

#include <chrono>

#include "domain/orders/order_repository.hpp"
#include "domain/shared/leases.hpp"
#include "storage/redis/lua_script.hpp"
#include "storage/redis/redis_pool.hpp"

namespace ld::redis {

class RedisOrderRepository final : public OrderRepository {
 public:
  // `keep_records_for` is how long an idempotency record written with an order, and the mark
  // of a voided order id, are kept. `placing_lease` is the lease on a placement's claim
  // (begin_placing), renewed five times a lease by a thread of this repository.
  RedisOrderRepository(RedisPool& pool, std::chrono::milliseconds keep_records_for,
                       std::chrono::milliseconds placing_lease);

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

 private:
  RedisPool& pool_;
  std::chrono::milliseconds keep_records_for_;
  LuaScript move_status_;
  LuaScript insert_;
  LuaScript placed_or_void_;
  LuaScript close_customer_;
  std::chrono::milliseconds placing_lease_;
  LuaScript renew_placing_;
  // Last: its thread renews through the members above.
  Leases placings_;

  void renew_placing(const std::vector<std::string>& ids);
};

}  // namespace ld::redis
