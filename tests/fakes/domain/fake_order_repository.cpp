#include "fakes/domain/fake_order_repository.hpp"

#include <algorithm>
#include <tuple>

#include "domain/orders/status_moves.hpp"

namespace ld::fakes {

namespace {

// Newest first: created_at, then id, descending. A position is {"created_at": ..., "id": ...}.
bool newer(const Order& a, const Order& b) {
  return std::tie(a.created_at, a.id) > std::tie(b.created_at, b.id);
}

bool after_position(const Order& order, const nlohmann::json& position) {
  const auto at = position.value("created_at", clock::Millis{0});
  const auto id = position.value("id", std::string{});
  return std::tie(order.created_at, order.id) < std::tie(at, id);
}

}  // namespace

OrderRepository::Placement FakeOrderRepository::insert(const Order& order,
                                                       const IdempotencyOutcome* outcome) {
  return run<OrderOutcomeUnknown>("insert", [&] {
    if (voided.contains(order.id)) return Placement::voided;
    if (closed_customers.contains(order.customer_id)) return Placement::customer_gone;
    if (orders_.contains(order.id)) return Placement::placed_before;
    orders_[order.id] = order;
    if (outcome != nullptr) records[outcome->key] = *outcome;
    return Placement::placed;
  });
}

void FakeOrderRepository::begin_placing(const std::string& id) {
  run("begin_placing", [&] { ++claims[id]; });
}

void FakeOrderRepository::end_placing(const std::string& id) {
  run("end_placing", [&] {
    const auto it = claims.find(id);
    if (it != claims.end() && --it->second <= 0) claims.erase(it);
  });
}

std::set<std::string> FakeOrderRepository::placing(const std::vector<std::string>& ids) {
  return run("placing", [&] {
    std::set<std::string> running;
    for (const auto& id : ids) {
      if (claims.contains(id)) running.insert(id);
    }
    return running;
  });
}

bool FakeOrderRepository::placed_or_void(const std::string& id) {
  return run("placed_or_void", [&] {
    if (orders_.contains(id)) return true;
    voided.insert(id);
    return false;
  });
}

std::optional<Order> FakeOrderRepository::find(const std::string& id) {
  return run("find", [&]() -> std::optional<Order> {
    const auto it = orders_.find(id);
    if (it == orders_.end()) return std::nullopt;
    return it->second;
  });
}

Page<Order> FakeOrderRepository::list(const OrderFilter& filter, const PageRequest& page) {
  const auto limit = static_cast<std::size_t>(std::clamp(page.limit, 1, 100));
  return run("list", [&] {
    std::vector<Order> all;
    for (const auto& [id, order] : orders_) {
      if (filter.customer_id && order.customer_id != *filter.customer_id) continue;
      if (filter.status && order.status != *filter.status) continue;
      if (page.after && !after_position(order, *page.after)) continue;
      all.push_back(order);
    }
    std::sort(all.begin(), all.end(), newer);
    Page<Order> result;
    for (const auto& order : all) {
      if (result.items.size() == limit) {
        const auto& last = result.items.back();
        result.next = nlohmann::json{{"created_at", last.created_at}, {"id", last.id}};
        break;
      }
      result.items.push_back(order);
    }
    return result;
  });
}

bool FakeOrderRepository::update_status(const Order& order, OrderStatus expected) {
  return run("update_status", [&] {
    const auto it = orders_.find(order.id);
    if (it == orders_.end() || it->second.status != expected) return false;
    it->second = order;
    if (gives_stock_back(order.status)) restocks_due[order.id] = clock.now();
    return true;
  });
}

std::vector<std::string> FakeOrderRepository::restocks_due_before(clock::Millis before, int limit) {
  return run("restocks_due_before", [&] {
    std::vector<std::pair<clock::Millis, std::string>> due;
    for (const auto& [id, at] : restocks_due) {
      if (at < before) due.emplace_back(at, id);
    }
    std::sort(due.begin(), due.end());  // oldest first
    std::vector<std::string> ids;
    for (const auto& [at, id] : due) {
      if (static_cast<int>(ids.size()) == limit) break;
      ids.push_back(id);
    }
    return ids;
  });
}

bool FakeOrderRepository::restock_due(const std::string& order_id) {
  return run("restock_due", [&] { return restocks_due.contains(order_id); });
}

void FakeOrderRepository::restock_done(const std::string& order_id) {
  run("restock_done", [&] { restocks_due.erase(order_id); });
}

bool FakeOrderRepository::close_customer(std::int64_t customer_id) {
  return run("close_customer", [&] {
    const bool has_orders = std::any_of(orders_.begin(), orders_.end(), [&](const auto& entry) {
      return entry.second.customer_id == customer_id;
    });
    if (has_orders) return false;
    closed_customers.insert(customer_id);
    return true;
  });
}

void FakeOrderRepository::reopen_customer(std::int64_t customer_id) {
  run("reopen_customer", [&] { closed_customers.erase(customer_id); });
}

std::int64_t FakeOrderRepository::count() {
  return run("count", [&] { return static_cast<std::int64_t>(orders_.size()); });
}

}  // namespace ld::fakes
