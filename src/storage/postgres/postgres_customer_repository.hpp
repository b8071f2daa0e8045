// CustomerRepository on PostgreSQL: customers and customer_addresses, written together in one
// transaction, read together in one query.
#pragma once

#include <functional>
#include <vector>

#include "core/metrics.hpp"
#include "domain/customers/customer_repository.hpp"
#include "storage/postgres/postgres_pool.hpp"
#include "storage/postgres/statement.hpp"

namespace ld::postgres {

class PostgresCustomerRepository : public CustomerRepository {
 public:
  // `schema_ready` runs before every operation (it applies pending migrations when S2 started
  // while the server was down).
  PostgresCustomerRepository(PostgresPool& pool, Metrics& metrics,
                             std::function<void()> schema_ready);

  // The statements this repository runs, for the pool to prepare on each connection.
  static std::vector<Statement> statements();
  // The one `find` runs: a customer and its addresses by id, one row of kCustomerColumns.
  static const Statement& find_statement();

  using CustomerRepository::create;
  Customer create(const Customer& customer, const std::string& promised_id) override;
  std::optional<Customer> find(std::int64_t id) override;
  bool exists(std::int64_t id) override;
  Page<Customer> list(const CustomerFilter& filter, const PageRequest& page) override;
  std::optional<Customer> update(const Customer& customer) override;
  std::optional<Customer> modify(std::int64_t id,
                                 const std::function<Customer(const Customer&)>& change) override;
  bool remove(std::int64_t id) override;
  std::int64_t count() override;

 private:
  template <class Work>
  auto run(Work&& work) {
    schema_ready_();
    return pool_.run(std::forward<Work>(work));
  }
  // Writes `next` over the stored row (and its addresses when they differ from `before`'s);
  // nullopt when the row is gone.
  std::optional<Customer> write(pqxx::work& tx, const Customer& next,
                                const std::vector<Address>* before);
  // After a unique violation: throws 409 naming the field(s) another customer holds. Returns
  // when none does any more (that customer went away meanwhile), so the write can be retried.
  void throw_if_taken(pqxx::connection& connection, const Customer& customer);

  PostgresPool& pool_;
  Metrics& metrics_;
  std::function<void()> schema_ready_;
};

}  // namespace ld::postgres
