#include "domain/customers/customer_input.hpp"

#include "core/json_input.hpp"
#include "core/text.hpp"
#include "domain/brazil/documents.hpp"
#include "domain/customers/address_input.hpp"
#include "domain/customers/email_address.hpp"

namespace ld {

namespace {

using nlohmann::json;

// Present and not null: the API treats an explicit null like an absent optional field.
const json* given(const json& body, std::string_view key) {
  const auto it = body.find(key);
  return it == body.end() || it->is_null() ? nullptr : &*it;
}

std::optional<std::string> read_cpf(const json& body, Violations& v) {
  const json* value = given(body, "cpf");
  if (!value) return std::nullopt;
  if (!value->is_string()) {
    v.add("cpf", "must be a string");
    return std::nullopt;
  }
  auto digits = brazil::normalize_cpf(text::trim(value->get_ref<const std::string&>()));
  if (!digits) v.add("cpf", "must be a valid CPF: 11 digits with valid check digits");
  return digits;
}

std::optional<clock::Date> read_birth_date(const json& body, Violations& v) {
  const json* value = given(body, "birth_date");
  if (!value) return std::nullopt;
  if (!value->is_string()) {
    v.add("birth_date", "must be a string in the form YYYY-MM-DD");
    return std::nullopt;
  }
  const auto date = clock::parse_date(text::trim(value->get_ref<const std::string&>()));
  if (!date) {
    v.add("birth_date", "must be a real calendar date in the form YYYY-MM-DD");
    return std::nullopt;
  }
  if (*date < clock::Date{1900, 1, 1}) {
    v.add("birth_date", "must not be before 1900-01-01");
    return std::nullopt;
  }
  if (*date >= clock::today_utc()) {
    v.add("birth_date", "must be in the past");
    return std::nullopt;
  }
  return date;
}

}  // namespace

Customer read_customer(const json& body, Violations& v) {
  Customer c;
  c.name = json_input::text(body, "name", "", v, true, kMaxNameChars).value_or("");
  if (auto email = json_input::text(body, "email", "", v, true, kMaxEmailChars)) {
    if (is_valid_email(*email)) {
      c.email = std::move(*email);
    } else {
      v.add("email", "must be a valid e-mail address");
    }
  }
  c.cpf = read_cpf(body, v);
  c.phone = json_input::text(body, "phone", "", v, false, kMaxPhoneChars);
  if (c.phone && c.phone->empty()) c.phone.reset();  // "" means no phone
  c.birth_date = read_birth_date(body, v);
  c.addresses = read_addresses(body, v, kMaxAddresses);
  return c;
}

Customer parse_customer(const json& body) {
  Violations v;
  Customer c = read_customer(body, v);
  v.throw_if_any();
  return c;
}

}  // namespace ld
