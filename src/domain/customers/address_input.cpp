#include "domain/customers/address_input.hpp"

#include <cctype>

#include <fmt/format.h>

#include "core/json_input.hpp"
#include "core/text.hpp"
#include "domain/brazil/documents.hpp"
#include "domain/customers/country_codes.hpp"

namespace ld {

namespace {

using json_input::dot;

// An optional text that is present but empty means "not set": clients often send "" for a
// complement they do not have.
std::optional<std::string> optional_text(const nlohmann::json& obj, std::string_view key,
                                         const std::string& path, Violations& v,
                                         std::size_t max_chars) {
  auto value = json_input::text(obj, key, path, v, false, max_chars);
  if (value && value->empty()) return std::nullopt;
  return value;
}

// A required short code (UF, CEP, country) read as text; the caller checks its form. The length
// cap only keeps absurd input out of the error message path.
std::optional<std::string> code_text(const nlohmann::json& obj, std::string_view key,
                                     const std::string& path, Violations& v, bool required) {
  return json_input::text(obj, key, path, v, required, 32);
}

}  // namespace

Address read_address(const nlohmann::json& value, const std::string& path, Violations& v) {
  Address a;
  if (!value.is_object()) {
    v.add(path, "must be an object");
    return a;
  }
  a.street = json_input::text(value, "street", path, v, true, kMaxStreetChars).value_or("");
  a.number = json_input::text(value, "number", path, v, true, kMaxNumberChars).value_or("");
  a.complement = optional_text(value, "complement", path, v, kMaxComplementChars);
  a.district = optional_text(value, "district", path, v, kMaxDistrictChars);
  a.city = json_input::text(value, "city", path, v, true, kMaxCityChars).value_or("");

  if (const auto state = code_text(value, "state", path, v, true)) {
    if (auto uf = brazil::normalize_uf(*state)) {
      a.state = std::move(*uf);
    } else {
      v.add(dot(path, "state"), "must be one of the 27 Brazilian state codes (UF), such as SP");
    }
  }
  if (const auto cep = code_text(value, "postal_code", path, v, true)) {
    if (auto digits = brazil::normalize_cep(*cep)) {
      a.postal_code = std::move(*digits);
    } else {
      v.add(dot(path, "postal_code"), "must be a CEP of 8 digits, as 01310-100 or 01310100");
    }
  }
  if (const auto country = code_text(value, "country", path, v, false)) {
    std::string upper = *country;
    for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (is_country_code(upper)) {
      a.country = std::move(upper);
    } else {
      v.add(dot(path, "country"), "must be an ISO 3166-1 alpha-2 country code, such as BR");
    }
  }
  return a;
}

std::vector<Address> read_addresses(const nlohmann::json& body, Violations& v,
                                    std::size_t max_count) {
  std::vector<Address> out;
  const auto it = body.find("addresses");
  if (it == body.end() || it->is_null()) return out;
  if (!it->is_array()) {
    v.add("addresses", "must be an array");
    return out;
  }
  if (it->size() > max_count) {
    v.add("addresses", fmt::format("must have at most {} addresses", max_count));
    return out;
  }
  out.reserve(it->size());
  for (std::size_t i = 0; i < it->size(); ++i) {
    out.push_back(read_address((*it)[i], json_input::at("addresses", i), v));
  }
  return out;
}

}  // namespace ld
