// What the bookstore needs from the store that keeps customers (PostgreSQL).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "domain/customers/customer.hpp"
#include "domain/shared/page.hpp"

namespace ld {

class CustomerRepository {
 public:
  virtual ~CustomerRepository() = default;

  // Inserts the customer and their addresses in one transaction; returns it with id and times.
  // Throws a 409 Error naming "email" or "cpf" when taken. With a `promised_id` (a keyed
  // request's, the same in every attempt) the insert happens once: when a customer was created
  // under it already, that customer is returned and nothing is written.
  virtual Customer create(const Customer& customer, const std::string& promised_id) = 0;
  Customer create(const Customer& customer) { return create(customer, {}); }
  virtual std::optional<Customer> find(std::int64_t id) = 0;
  virtual bool exists(std::int64_t id) = 0;
  // By id ascending; page.after holds the last id seen.
  virtual Page<Customer> list(const CustomerFilter& filter, const PageRequest& page) = 0;
  // Replaces every field and the address list in one transaction; returns the stored customer.
  // Throws 409 like create; returns nullopt when the customer is gone.
  virtual std::optional<Customer> update(const Customer& customer) = 0;
  // Read-modify-write of one customer (a PATCH): reads it, asks `change` for the new version,
  // and stores that unless same_details() says nothing changed, in which case the stored
  // customer comes back untouched (same updated_at). Returns nullopt when there is no such
  // customer. Throws 409 like create, and whatever `change` throws. Stores that can lock the row
  // override this so concurrent changes cannot overwrite each other.
  virtual std::optional<Customer> modify(std::int64_t id,
                                         const std::function<Customer(const Customer&)>& change) {
    const auto current = find(id);
    if (!current) return std::nullopt;
    Customer next = change(*current);
    if (same_details(next, *current)) return current;
    return update(next);
  }
  virtual bool remove(std::int64_t id) = 0;
  virtual std::int64_t count() = 0;
};

}  // namespace ld
