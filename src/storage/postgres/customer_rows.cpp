#include "storage/postgres/customer_rows.hpp"

#include <functional>
#include <stdexcept>

#include "core/text.hpp"
#include "domain/customers/customer_json.hpp"

namespace ld::postgres {

using nlohmann::json;

namespace {

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

namespace {

// Column `i` of a kCustomerColumns row as text, or none for a null.
using Column = std::function<std::optional<std::string_view>(int)>;

std::string required(const Column& column, int i) {
  const auto text = column(i);
  if (!text) throw std::runtime_error("customer row: column " + std::to_string(i) + " is null");
  return std::string(*text);
}

std::optional<std::string> optional(const Column& column, int i) {
  const auto text = column(i);
  if (!text) return std::nullopt;
  return std::string(*text);
}

Customer read_customer(const Column& column) {
  Customer c;
  c.id = std::stoll(required(column, 0));
  c.name = required(column, 1);
  c.email = required(column, 2);
  c.cpf = optional(column, 3);
  c.phone = optional(column, 4);
  if (const auto birth = column(5)) c.birth_date = clock::parse_date(*birth);
  c.created_at = std::stoll(required(column, 6));
  c.updated_at = std::stoll(required(column, 7));
  for (const auto& a : json::parse(required(column, 8))) c.addresses.push_back(read_address(a));
  return c;
}

}  // namespace

Customer read_customer(const pqxx::row& row) {
  return read_customer([&row](int i) -> std::optional<std::string_view> {
    const auto field = row.at(i);
    if (field.is_null()) return std::nullopt;
    return std::string_view(field.c_str(), field.size());
  });
}

Customer read_customer(const std::vector<std::optional<std::string>>& columns) {
  return read_customer([&columns](int i) -> std::optional<std::string_view> {
    const auto at = static_cast<std::size_t>(i);
    if (at >= columns.size()) throw std::runtime_error("customer row: too few columns");
    if (!columns[at]) return std::nullopt;
    return *columns[at];
  });
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
