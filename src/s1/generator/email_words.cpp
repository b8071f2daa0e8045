#include "s1/generator/email_words.hpp"

#include <array>

namespace ld::s1 {

namespace {

// Plain spelling of U+00C0..U+00FF, in code point order; "" for the two signs (x and ÷).
constexpr std::array<std::string_view, 64> kLatin1 = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y"};

bool is_ascii_alnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

}  // namespace

std::string email_word(std::string_view utf8) {
  std::string out;
  for (std::size_t i = 0; i < utf8.size();) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    if (c < 0x80) {
      if (is_ascii_alnum(c)) out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
      ++i;
      continue;
    }
    // U+00C0..U+00FF is encoded as C3 80..C3 BF.
    if (c == 0xC3 && i + 1 < utf8.size()) {
      const auto next = static_cast<unsigned char>(utf8[i + 1]);
      if (next >= 0x80 && next <= 0xBF) out += kLatin1[next - 0x80];
      i += 2;
      continue;
    }
    // Any other code point: skip its lead byte and continuation bytes.
    ++i;
    while (i < utf8.size() && (static_cast<unsigned char>(utf8[i]) & 0xC0) == 0x80) ++i;
  }
  return out;
}

std::string email_surname(std::string_view surname) {
  static constexpr std::array<std::string_view, 6> kParticles = {"da ",  "de ",  "do ",
                                                                 "das ", "dos ", "e "};
  for (auto particle : kParticles) {
    if (surname.substr(0, particle.size()) == particle) {
      return email_word(surname.substr(particle.size()));
    }
  }
  return email_word(surname);
}

}  // namespace ld::s1
