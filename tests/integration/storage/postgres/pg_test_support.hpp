// Shared set-up of the PostgreSQL integration tests: settings for the test database, a direct
// connection for checking what landed in the tables, and the reset each program starts with.
#pragma once

#include <string>

#include <pqxx/pqxx>

#include "domain/customers/customer.hpp"
#include "storage/postgres/postgres_store.hpp"

namespace ld::test {

PostgresSettings pg_settings();

// Empties customers and customer_addresses and restarts their ids (the schema must exist).
void reset_customer_tables();

// A single value from a query on a fresh direct connection (NULL reads as "").
std::string pg_value(const std::string& sql);

// A valid customer; `tag` makes e-mail and CPF unique among the customers of one test.
Customer sample_customer(int tag);

// A valid CPF from nine digits (check digits computed).
std::string cpf_from(int nine_digits);

}  // namespace ld::test
