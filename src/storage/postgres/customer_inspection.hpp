// A customer exactly as PostgreSQL holds it: the rows of `customers` and `customer_addresses`
// with every column's name and declared type, values in PostgreSQL's own text form. For the
// console's "where is it stored" view; it only reads (a READ ONLY transaction), on a pool of its
// own, so looking never takes a connection the API needs.
#pragma once

#include <cstdint>
#include <optional>

#include <nlohmann/json.hpp>

#include "core/metrics.hpp"
#include "storage/postgres/postgres_pool.hpp"
#include "storage/postgres/postgres_store.hpp"

namespace ld::postgres {

class CustomerInspection {
 public:
  CustomerInspection(const PostgresSettings& settings, Metrics& metrics);

  // {"database": "postgresql", "tables": [{"table", "columns": [{"name", "type"}], "rows"}...]},
  // or nullopt when no customer has this id. Throws StoreUnavailable("postgres") when down.
  std::optional<nlohmann::ordered_json> customer(std::int64_t id);

 private:
  Metrics& metrics_;
  PostgresPool pool_;
};

}  // namespace ld::postgres
