#include "pg_test_support.hpp"

#include <fmt/format.h>

#include "domain/brazil/documents.hpp"
#include "support/test_env.hpp"

namespace ld::test {

PostgresSettings pg_settings() {
  PostgresSettings s;
  s.url = pg_url();
  s.pool_size = 4;
  return s;
}

void reset_customer_tables() {
  pqxx::connection c(pg_url());
  // Ids keep counting up: the end-to-end suites keep orders in Redis that name customers by id,
  // and a restarted sequence would hand those ids to new, unrelated customers.
  pqxx::nontransaction(c).exec("TRUNCATE customer_addresses, customers CASCADE");
}

std::string pg_value(const std::string& sql) {
  pqxx::connection c(pg_url());
  const auto rows = pqxx::nontransaction(c).exec(sql);
  if (rows.empty() || rows[0][0].is_null()) return "";
  return rows[0][0].as<std::string>();
}

std::string cpf_from(int nine_digits) {
  const std::string nine = fmt::format("{:09}", nine_digits);
  return nine + brazil::cpf_check_digits(nine);
}

Customer sample_customer(int tag) {
  Customer c;
  c.name = fmt::format("Cliente {}", tag);
  c.email = fmt::format("cliente{}@example.com.br", tag);
  c.cpf = cpf_from(100000000 + tag);
  c.phone = "+55 11 3000-0000";
  c.birth_date = clock::Date{1980, 1, 1 + static_cast<unsigned>(tag % 28)};
  c.addresses.push_back({"Rua Augusta", std::to_string(tag), std::nullopt, "Consolação",
                         "São Paulo", "SP", "01305000", "BR"});
  return c;
}

}  // namespace ld::test
