// A customer of the bookstore and their addresses, as kept in PostgreSQL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"

namespace ld {

struct Address {
  std::string street;
  std::string number;  // a string: "s/n" (sem número) is a real Brazilian address number
  std::optional<std::string> complement;
  std::optional<std::string> district;
  std::string city;
  std::string state;        // UF, uppercase
  std::string postal_code;  // CEP, 8 digits
  std::string country = "BR";
  bool operator==(const Address&) const = default;
};

struct Customer {
  std::int64_t id = 0;
  std::string name;
  std::string email;
  std::optional<std::string> cpf;  // 11 digits
  std::optional<std::string> phone;
  std::optional<clock::Date> birth_date;
  std::vector<Address> addresses;
  clock::Millis created_at = 0;
  clock::Millis updated_at = 0;
};

// True when both hold the same data (every field but id and the times): a PATCH that changes
// nothing must leave updated_at alone.
bool same_details(const Customer& a, const Customer& b);

struct CustomerFilter {
  std::optional<std::string> email;  // exact, case-insensitive
  std::optional<std::string> q;      // part of the name, case-insensitive
};

}  // namespace ld
