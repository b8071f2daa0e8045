// CustomerRepository in memory, with the contract of customer_repository.hpp: ids from 1 up,
// unique e-mail (case-insensitive) and CPF (409 naming the field), one customer per promised id,
// and the faults a test injects (faults.hpp; operation names are the method names).
#pragma once

#include <map>
#include <string>

#include "domain/customers/customer_repository.hpp"
#include "fakes/domain/fake_clock.hpp"
#include "fakes/domain/fake_store.hpp"

namespace ld::fakes {

class FakeCustomerRepository final : public CustomerRepository, public FakeStore {
 public:
  FakeCustomerRepository() : FakeStore("postgres") {}

  using CustomerRepository::create;
  Customer create(const Customer& customer, const std::string& promised_id) override;
  std::optional<Customer> find(std::int64_t id) override;
  bool exists(std::int64_t id) override;
  Page<Customer> list(const CustomerFilter& filter, const PageRequest& page) override;
  std::optional<Customer> update(const Customer& customer) override;
  bool remove(std::int64_t id) override;
  std::int64_t count() override;

  FakeClock clock;

 private:
  void check_unique(const Customer& customer) const;

  std::map<std::int64_t, Customer> customers_;
  std::map<std::string, std::int64_t> promised_;  // promised id -> customer id
  std::int64_t next_id_ = 1;
};

}  // namespace ld::fakes
