// The stores this end-to-end suite uses, apart from everyone else's test data: its own
// PostgreSQL database, MongoDB database and Redis database number on the local test servers, so
// it can wipe them between tests while other suites run. Also the direct writes that go behind
// S2's back, to prove that verify notices.
#pragma once

#include <cstdint>
#include <string>

#include "support/s2_process.hpp"

namespace ld::test {

class IsolatedStores {
 public:
  std::string pg_url() const;     // the test server, database livros_s1_e2e
  std::string mongo_db() const;   // <test database>_s1_e2e
  std::string redis_url() const;  // the test server, database 5

  // Creates (or re-creates) the PostgreSQL database; S2 applies its schema when it starts.
  void create() const;
  // Empties every table, collection and key, keeping the schema and indexes.
  void reset() const;
  // S2's settings for these stores.
  S2Process::Env s2_env() const;

  std::int64_t count_customers() const;
  void set_customer_name(std::int64_t id, const std::string& name) const;
  void set_book_title(const std::string& id, const std::string& title) const;
  void delete_book(const std::string& id) const;
  void add_to_order_total(const std::string& id, std::int64_t cents) const;
};

}  // namespace ld::test
