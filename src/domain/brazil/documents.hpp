// Brazilian identifiers the bookstore takes as first-class data: CPF (taxpayer number), CEP
// (postal code) and UF (state). Pure functions, shared by S2's validation and S1's generator.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ld::brazil {

// Accepts "123.456.789-09" or "12345678909"; returns the 11 digits when the check digits are
// right and the number is not one repeated digit.
std::optional<std::string> normalize_cpf(std::string_view text);

// The two check digits for the first nine digits of a CPF ("123456789" -> "09").
std::string cpf_check_digits(std::string_view nine_digits);

// Accepts "01310-100" or "01310100"; returns the 8 digits.
std::optional<std::string> normalize_cep(std::string_view text);

// One of the 27 federative units, any case; returns it uppercase.
std::optional<std::string> normalize_uf(std::string_view text);

}  // namespace ld::brazil
