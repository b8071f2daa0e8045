#include "domain/brazil/documents.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace ld::brazil {

namespace {
bool all_digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

char check_digit(std::string_view digits, int first_weight) {
  int sum = 0;
  int weight = first_weight;
  for (char c : digits) sum += (c - '0') * weight--;
  const int rest = (sum * 10) % 11;
  return static_cast<char>('0' + (rest == 10 ? 0 : rest));
}
}  // namespace

std::string cpf_check_digits(std::string_view nine) {
  std::string out;
  out += check_digit(nine, 10);
  std::string ten(nine);
  ten += out[0];
  out += check_digit(ten, 11);
  return out;
}

std::optional<std::string> normalize_cpf(std::string_view text) {
  std::string digits;
  if (text.size() == 14) {
    // 123.456.789-09: separators only in their places.
    if (text[3] != '.' || text[7] != '.' || text[11] != '-') return std::nullopt;
    digits = std::string(text.substr(0, 3)) + std::string(text.substr(4, 3)) +
             std::string(text.substr(8, 3)) + std::string(text.substr(12, 2));
  } else if (text.size() == 11) {
    digits = std::string(text);
  } else {
    return std::nullopt;
  }
  if (!all_digits(digits)) return std::nullopt;
  if (std::all_of(digits.begin(), digits.end(), [&](char c) { return c == digits[0]; })) {
    return std::nullopt;
  }
  if (cpf_check_digits(std::string_view(digits).substr(0, 9)) != digits.substr(9)) {
    return std::nullopt;
  }
  return digits;
}

std::optional<std::string> normalize_cep(std::string_view text) {
  std::string digits;
  if (text.size() == 9 && text[5] == '-') {
    digits = std::string(text.substr(0, 5)) + std::string(text.substr(6));
  } else if (text.size() == 8) {
    digits = std::string(text);
  } else {
    return std::nullopt;
  }
  if (!all_digits(digits) || digits == "00000000") return std::nullopt;
  return digits;
}

std::optional<std::string> normalize_uf(std::string_view text) {
  static constexpr std::array<std::string_view, 27> kUfs = {
      "AC", "AL", "AP", "AM", "BA", "CE", "DF", "ES", "GO", "MA", "MT", "MS", "MG", "PA",
      "PB", "PR", "PE", "PI", "RJ", "RN", "RS", "RO", "RR", "SC", "SP", "SE", "TO"};
  if (text.size() != 2) return std::nullopt;
  std::string upper(text);
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (std::find(kUfs.begin(), kUfs.end(), upper) == kUfs.end()) return std::nullopt;
  return upper;
}

}  // namespace ld::brazil
