#include "fakes/domain/fake_customer_repository.hpp"

#include <algorithm>

#include "core/text.hpp"
#include "domain/customers/customer_page.hpp"

namespace ld::fakes {

void FakeCustomerRepository::check_unique(const Customer& customer) const {
  for (const auto& [id, other] : customers_) {
    if (id == customer.id) continue;
    if (text::fold_case(other.email) == text::fold_case(customer.email)) {
      throw conflict("email", "is already used by another customer");
    }
    if (customer.cpf && other.cpf == customer.cpf) {
      throw conflict("cpf", "is already used by another customer");
    }
  }
}

Customer FakeCustomerRepository::create(const Customer& customer, const std::string& promised_id) {
  return run("create", [&] {
    if (!promised_id.empty()) {
      if (const auto earlier = promised_.find(promised_id); earlier != promised_.end()) {
        return customers_.at(earlier->second);
      }
    }
    Customer stored = customer;
    stored.id = 0;
    check_unique(stored);
    stored.id = next_id_++;
    stored.created_at = stored.updated_at = clock.now();
    customers_[stored.id] = stored;
    if (!promised_id.empty()) promised_[promised_id] = stored.id;
    return stored;
  });
}

std::optional<Customer> FakeCustomerRepository::find(std::int64_t id) {
  return run("find", [&]() -> std::optional<Customer> {
    const auto it = customers_.find(id);
    if (it == customers_.end()) return std::nullopt;
    return it->second;
  });
}

bool FakeCustomerRepository::exists(std::int64_t id) {
  return run("exists", [&] { return customers_.contains(id); });
}

Page<Customer> FakeCustomerRepository::list(const CustomerFilter& filter, const PageRequest& page) {
  const std::int64_t after = after_customer_id(page);
  const auto limit = static_cast<std::size_t>(std::clamp(page.limit, 1, 100));
  return run("list", [&] {
    Page<Customer> result;
    for (auto it = customers_.upper_bound(after); it != customers_.end(); ++it) {
      const Customer& c = it->second;
      if (filter.email && text::fold_case(c.email) != text::fold_case(*filter.email)) continue;
      if (filter.q && !text::contains_folded(c.name, *filter.q)) continue;
      if (result.items.size() == limit) {
        result.next = customer_cursor(result.items.back());
        break;
      }
      result.items.push_back(c);
    }
    return result;
  });
}

std::optional<Customer> FakeCustomerRepository::update(const Customer& customer) {
  return run("update", [&]() -> std::optional<Customer> {
    const auto it = customers_.find(customer.id);
    if (it == customers_.end()) return std::nullopt;
    check_unique(customer);
    Customer stored = customer;
    stored.created_at = it->second.created_at;
    stored.updated_at = std::max(clock.now(), it->second.updated_at + 1);
    it->second = stored;
    return stored;
  });
}

bool FakeCustomerRepository::remove(std::int64_t id) {
  return run("remove", [&] { return customers_.erase(id) == 1; });
}

std::int64_t FakeCustomerRepository::count() {
  return run("count", [&] { return static_cast<std::int64_t>(customers_.size()); });
}

}  // namespace ld::fakes
