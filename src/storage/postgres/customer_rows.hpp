// How a customer maps to and from the columns of customers and customer_addresses.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <pqxx/pqxx>

#include "domain/customers/customer.hpp"

namespace ld::postgres {

// The select list every customer query uses, in the order read_customer expects: the customer's
// columns, times as epoch milliseconds, and the addresses aggregated in their order as JSON, so a
// page and its addresses come back in one query.
// constexpr: other files build their statements from it during static initialization.
inline constexpr const char* kCustomerColumns = R"(
  c.id, c.name, c.email, c.cpf, c.phone, to_char(c.birth_date, 'YYYY-MM-DD'),
  (extract(epoch FROM c.created_at) * 1000)::bigint,
  (extract(epoch FROM c.updated_at) * 1000)::bigint,
  coalesce((SELECT json_agg(json_build_object(
                'street', a.street, 'number', a.number, 'complement', a.complement,
                'district', a.district, 'city', a.city, 'state', a.state,
                'postal_code', a.postal_code, 'country', a.country) ORDER BY a.position)
            FROM customer_addresses a WHERE a.customer_id = c.id), '[]'))";

Customer read_customer(const pqxx::row& row);
// The same row as text columns (nullopt: null), as the I/O thread's reads give it
// (async_postgres.hpp).
Customer read_customer(const std::vector<std::optional<std::string>>& columns);

// The addresses as the JSON array the insert statement unpacks.
std::string addresses_param(const Customer& customer);

// The birth date as YYYY-MM-DD, or none.
std::optional<std::string> birth_date_param(const Customer& customer);

// The name as ?q= searches it: case-folded with accented Latin letters folded too.
std::string folded_name(std::string_view name);

// "%<q folded, with % _ \ escaped>%": user text matches literally, never as a pattern.
std::string name_pattern(std::string_view q);

}  // namespace ld::postgres
