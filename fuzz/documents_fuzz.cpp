// Brazilian documents and book numbers as clients type them: CPF, CEP, UF, ISBN-10 and ISBN-13.
// A normalised value must be a fixed point (normalising it again gives itself).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "domain/books/isbn.hpp"
#include "domain/brazil/documents.hpp"
#include "domain/customers/email_address.hpp"

namespace {

template <typename Normalize>
void check_fixed_point(Normalize normalize, std::string_view text) {
  if (const auto once = normalize(text)) {
    const auto twice = normalize(*once);
    if (!twice || *twice != *once) __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check_fixed_point(ld::brazil::normalize_cpf, text);
  check_fixed_point(ld::brazil::normalize_cep, text);
  check_fixed_point(ld::brazil::normalize_uf, text);
  check_fixed_point(ld::books::normalize_isbn10, text);
  check_fixed_point(ld::books::normalize_isbn13, text);
  ld::is_valid_email(text);
  return 0;
}
