#include "storage/postgres/customer_rows.hpp"

#include "core/text.hpp"
#include "domain/customers/customer_json.hpp"

namespace ld::postgres {

using nlohmann::json;

namespace {

std::optional<std::string> optional_text(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<std::string>();
}

std::optional<std::string> optional_text(const json& obj, const char* key) {
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return std::nullopt;
  return it->get<std::string>();
}

Address read_address(const json& a) {
  Address out;
  out.street = a.at("street").get<std::string>();
  out.number = a.at("number").get<std::string>();
  out.complement = optional_text(a, "complement");
  out.district = optional_text(a, "district");
  out.city = a.at("city").get<std::string>();
  out.state = a.at("state").get<std::string>();
  out.postal_code = a.at("postal_code").get<std::string>();
  out.country = a.at("country").get<std::string>();
  return out;
}

}  // namespace

Customer read_customer(const pqxx::row& row) {
  Customer c;
  c.id = row.at(0).as<std::int64_t>();
  c.name = row.at(1).as<std::string>();
  c.email = row.at(2).as<std::string>();
  c.cpf = optional_text(row.at(3));
  c.phone = optional_text(row.at(4));
  if (!row.at(5).is_null()) c.birth_date = clock::parse_date(row.at(5).c_str());
  c.created_at = row.at(6).as<std::int64_t>();
  c.updated_at = row.at(7).as<std::int64_t>();
  for (const auto& a : json::parse(row.at(8).c_str())) c.addresses.push_back(read_address(a));
  return c;
}

std::string addresses_param(const Customer& customer) {
  json list = json::array();
  for (const auto& a : customer.addresses) list.push_back(to_json(a));
  return list.dump();
}

std::optional<std::string> birth_date_param(const Customer& customer) {
  if (!customer.birth_date) return std::nullopt;
  return clock::format_date(*customer.birth_date);
}

std::string folded_name(std::string_view name) {
  return text::fold_case(name);
}

std::string name_pattern(std::string_view q) {
  std::string out = "%";
  for (char c : text::fold_case(q)) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  out += '%';
  return out;
}

}  // namespace ld::postgres
