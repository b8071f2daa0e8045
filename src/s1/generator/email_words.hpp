// Turns names into the plain words people use in e-mail addresses: "João" -> "joao",
// "D'Ávila" -> "davila", "da Silva" -> "silva".
#pragma once

#include <string>
#include <string_view>

namespace ld::s1 {

// Lower-case ASCII letters and digits only: Latin-1 accents become their base letter (ß -> ss,
// æ -> ae), everything else that is not a letter or digit (spaces, apostrophes, hyphens) is
// dropped. Particles are kept: email_word("da Silva") == "dasilva".
std::string email_word(std::string_view utf8);

// The surname as it goes into an address: without a leading particle (da, de, do, das, dos, e).
std::string email_surname(std::string_view surname);

}  // namespace ld::s1
