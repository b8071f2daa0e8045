// What the bookstore needs from the store that keeps customers (PostgreSQL).
#pragma once

#include <cstdint>
#include <optional>

#include "domain/customers/customer.hpp"
#include "domain/shared/page.hpp"

namespace ld {

class CustomerRepository {
 public:
  virtual ~CustomerRepository() = default;

  // Inserts the customer and their addresses in one transaction; returns it with id and times.
  // Throws a 409 Error naming "email" or "cpf" when taken.
  virtual Customer create(const Customer& customer) = 0;
  virtual std::optional<Customer> find(std::int64_t id) = 0;
  virtual bool exists(std::int64_t id) = 0;
  // By id ascending; page.after holds the last id seen.
  virtual Page<Customer> list(const CustomerFilter& filter, const PageRequest& page) = 0;
  // Replaces every field and the address list in one transaction; returns the stored customer.
  // Throws 409 like create; returns nullopt when the customer is gone.
  virtual std::optional<Customer> update(const Customer& customer) = 0;
  virtual bool remove(std::int64_t id) = 0;
  virtual std::int64_t count() = 0;
};

}  // namespace ld
