#include "s1/generator/invalid_customer.hpp"

#include <array>
#include <stdexcept>

#include <fmt/format.h>

#include "core/text.hpp"
#include "domain/brazil/documents.hpp"

namespace ld::s1 {

namespace {

using nlohmann::json;

// Each breakage edits the body and returns the path of the field it broke.
using Breakage = std::string (*)(json&, Random&);

std::string cpf_digits(const json& body) {
  return brazil::normalize_cpf(body.at("cpf").get<std::string>()).value();
}

std::string format_cpf(const std::string& d) {
  return d.substr(0, 3) + "." + d.substr(3, 3) + "." + d.substr(6, 3) + "-" + d.substr(9, 2);
}

std::string pick_text(Random& random, std::initializer_list<const char*> options) {
  return *(options.begin() + random.below(options.size()));
}

// "addresses[i]" for a random existing address, and the address itself.
std::pair<std::string, json&> some_address(json& body, Random& random) {
  auto& list = body.at("addresses");
  const auto index = random.below(list.size());
  return {fmt::format("addresses[{}]", index), list.at(index)};
}

std::string wrong_check_digit(json& body, Random& random) {
  std::string digits = cpf_digits(body);
  // Any other last digit: exactly one value of it satisfies the check.
  const auto shift = 1 + random.below(9);
  digits[10] = static_cast<char>('0' + (digits[10] - '0' + shift) % 10);
  body["cpf"] = random.chance(0.5) ? format_cpf(digits) : digits;
  return "cpf";
}

std::string repeated_digit_cpf(json& body, Random& random) {
  const std::string digits(11, static_cast<char>('0' + random.below(10)));
  body["cpf"] = random.chance(0.5) ? format_cpf(digits) : digits;
  return "cpf";
}

std::string ten_digit_cpf(json& body, Random&) {
  body["cpf"] = cpf_digits(body).substr(0, 10);
  return "cpf";
}

std::string numeric_cpf(json& body, Random&) {
  body["cpf"] = std::stoll(cpf_digits(body));
  return "cpf";
}

std::string empty_cpf(json& body, Random&) {
  body["cpf"] = "";
  return "cpf";
}

std::string letter_in_postal_code(json& body, Random& random) {
  auto [path, address] = some_address(body, random);
  std::string cep = address.at("postal_code").get<std::string>();
  // Letters people type for digits that look alike.
  static constexpr std::array<std::size_t, 8> kDigitPositions = {0, 1, 2, 3, 4, 6, 7, 8};
  const auto at = kDigitPositions[random.below(kDigitPositions.size())];
  cep[at] = "OIZSB"[random.below(5)];
  address["postal_code"] = cep;
  return path + ".postal_code";
}

std::string short_postal_code(json& body, Random& random) {
  auto [path, address] = some_address(body, random);
  std::string digits = brazil::normalize_cep(address.at("postal_code").get<std::string>()).value();
  digits.erase(random.below(digits.size()), 1);
  address["postal_code"] = digits;
  return path + ".postal_code";
}

std::string missing_postal_code(json& body, Random& random) {
  auto [path, address] = some_address(body, random);
  address.erase("postal_code");
  return path + ".postal_code";
}

std::string unknown_state(json& body, Random& random) {
  auto [path, address] = some_address(body, random);
  address["state"] = pick_text(random, {"XX", "BR", "ZZ", "São Paulo", "S", "SPP"});
  return path + ".state";
}

std::string missing_street(json& body, Random& random) {
  auto [path, address] = some_address(body, random);
  address.erase("street");
  return path + ".street";
}

std::string numeric_house_number(json& body, Random& random) {
  auto [path, address] = some_address(body, random);
  address["number"] = random.between(1, 9999);
  return path + ".number";
}

std::string missing_city(json& body, Random& random) {
  auto [path, address] = some_address(body, random);
  address.erase("city");
  return path + ".city";
}

std::string unknown_country(json& body, Random& random) {
  auto [path, address] = some_address(body, random);
  address["country"] = pick_text(random, {"Brasil", "BRA", "B", "55"});
  return path + ".country";
}

std::string addresses_not_a_list(json& body, Random&) {
  body["addresses"] = json(body.at("addresses").at(0));
  return "addresses";
}

std::string blank_name(json& body, Random& random) {
  body["name"] = pick_text(random, {"", " ", "   ", "\t"});
  return "name";
}

std::string overlong_name(json& body, Random&) {
  const std::string name = body.at("name").get<std::string>();
  std::string longer = name;
  while (text::length(longer) <= 200) longer += " " + name;
  body["name"] = longer;
  return "name";
}

std::string missing_name(json& body, Random&) {
  body.erase("name");
  return "name";
}

std::string numeric_name(json& body, Random& random) {
  body["name"] = random.between(1, 1000);
  return "name";
}

std::string email_without_at(json& body, Random&) {
  std::string email = body.at("email").get<std::string>();
  email.erase(email.find('@'), 1);
  body["email"] = email;
  return "email";
}

std::string email_with_two_ats(json& body, Random&) {
  const std::string email = body.at("email").get<std::string>();
  body["email"] = email.substr(0, email.find('@')) + "@" + email;
  return "email";
}

std::string email_domain_without_dot(json& body, Random& random) {
  const std::string email = body.at("email").get<std::string>();
  body["email"] = email.substr(0, email.find('@') + 1) + pick_text(random, {"correio", "email"});
  return "email";
}

std::string email_without_local_part(json& body, Random&) {
  const std::string email = body.at("email").get<std::string>();
  body["email"] = email.substr(email.find('@'));
  return "email";
}

std::string missing_email(json& body, Random&) {
  body.erase("email");
  return "email";
}

std::string future_birth_date(json& body, Random& random) {
  const auto year = random.between(2100, 2199);
  const auto month = random.between(1, 12);
  body["birth_date"] = fmt::format("{}-{:02}-{:02}", year, month, random.between(1, 28));
  return "birth_date";
}

std::string birth_date_before_1900(json& body, Random& random) {
  const auto year = random.between(1800, 1899);
  const auto month = random.between(1, 12);
  body["birth_date"] = fmt::format("{}-{:02}-{:02}", year, month, random.between(1, 28));
  return "birth_date";
}

std::string impossible_birth_date(json& body, Random& random) {
  const std::string year = body.at("birth_date").get<std::string>().substr(0, 4);
  body["birth_date"] = year + pick_text(random, {"-02-30", "-04-31", "-13-01", "-00-10", "-06-00"});
  return "birth_date";
}

std::string brazilian_order_birth_date(json& body, Random&) {
  // DD/MM/YYYY is how Brazilians write dates; the API takes only YYYY-MM-DD.
  const std::string date = body.at("birth_date").get<std::string>();
  body["birth_date"] = date.substr(8, 2) + "/" + date.substr(5, 2) + "/" + date.substr(0, 4);
  return "birth_date";
}

std::string overlong_phone(json& body, Random&) {
  const std::string phone = body.at("phone").get<std::string>();
  body["phone"] = phone + " / " + phone;  // two numbers in one field: over 30 characters
  return "phone";
}

struct Rule {
  const char* name;
  Breakage apply;
};

constexpr std::array<Rule, 28> kRules = {{
    {"cpf check digit is wrong", wrong_check_digit},
    {"cpf is one digit repeated", repeated_digit_cpf},
    {"cpf has ten digits", ten_digit_cpf},
    {"cpf is a number, not a string", numeric_cpf},
    {"cpf is empty", empty_cpf},
    {"postal_code has a letter", letter_in_postal_code},
    {"postal_code has seven digits", short_postal_code},
    {"postal_code is missing", missing_postal_code},
    {"state is not a UF", unknown_state},
    {"street is missing", missing_street},
    {"number is a JSON number", numeric_house_number},
    {"city is missing", missing_city},
    {"country is not an ISO 3166-1 alpha-2 code", unknown_country},
    {"addresses is not an array", addresses_not_a_list},
    {"name is blank", blank_name},
    {"name is longer than 200 characters", overlong_name},
    {"name is missing", missing_name},
    {"name is not a string", numeric_name},
    {"email has no @", email_without_at},
    {"email has two @", email_with_two_ats},
    {"email domain has no dot", email_domain_without_dot},
    {"email local part is empty", email_without_local_part},
    {"email is missing", missing_email},
    {"birth_date is in the future", future_birth_date},
    {"birth_date is before 1900", birth_date_before_1900},
    {"birth_date is not a calendar date", impossible_birth_date},
    {"birth_date is written DD/MM/YYYY", brazilian_order_birth_date},
    {"phone is longer than 30 characters", overlong_phone},
}};

}  // namespace

InvalidCustomer break_one_rule(json valid_body, Random& random) {
  if (!valid_body.contains("addresses") || valid_body["addresses"].empty()) {
    throw std::invalid_argument("break_one_rule needs a body with at least one address");
  }
  const Rule& rule = kRules[random.below(kRules.size())];
  std::string field = rule.apply(valid_body, random);
  return {std::move(valid_body), std::move(field), rule.name};
}

}  // namespace ld::s1
