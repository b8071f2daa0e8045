#include "domain/customers/customer_json.hpp"

namespace ld {

using nlohmann::json;

json to_json(const Address& a) {
  json out = {{"street", a.street}, {"number", a.number},           {"city", a.city},
              {"state", a.state},   {"postal_code", a.postal_code}, {"country", a.country}};
  if (a.complement) out["complement"] = *a.complement;
  if (a.district) out["district"] = *a.district;
  return out;
}

json writable_json(const Customer& c) {
  json out = {{"name", c.name}, {"email", c.email}};
  if (c.cpf) out["cpf"] = *c.cpf;
  if (c.phone) out["phone"] = *c.phone;
  if (c.birth_date) out["birth_date"] = clock::format_date(*c.birth_date);
  json addresses = json::array();
  for (const auto& a : c.addresses) addresses.push_back(to_json(a));
  out["addresses"] = std::move(addresses);
  return out;
}

json to_json(const Customer& c) {
  json out = writable_json(c);
  out["id"] = c.id;
  out["created_at"] = clock::format_rfc3339(c.created_at);
  out["updated_at"] = clock::format_rfc3339(c.updated_at);
  return out;
}

}  // namespace ld
