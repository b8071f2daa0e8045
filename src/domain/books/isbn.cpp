#include "domain/books/isbn.hpp"

namespace ld::books {

namespace {

// Drops the separators people write ISBNs with; nullopt for any other non-ISBN character.
std::optional<std::string> compact(std::string_view text, std::size_t length) {
  std::string out;
  for (const char c : text) {
    if (c == '-' || c == ' ') continue;
    if (c == 'x') {
      out += 'X';
    } else if ((c >= '0' && c <= '9') || c == 'X') {
      out += c;
    } else {
      return std::nullopt;
    }
    if (out.size() > length) return std::nullopt;
  }
  if (out.size() != length) return std::nullopt;
  return out;
}

int digit(char c) {
  return c - '0';
}

}  // namespace

std::optional<std::string> normalize_isbn10(std::string_view text) {
  auto isbn = compact(text, 10);
  if (!isbn) return std::nullopt;
  int sum = 0;
  for (std::size_t i = 0; i < 10; ++i) {
    const char c = (*isbn)[i];
    int value = 0;
    if (c == 'X') {
      if (i != 9) return std::nullopt;  // X stands for ten only as the check character
      value = 10;
    } else {
      value = digit(c);
    }
    sum += static_cast<int>(10 - i) * value;
  }
  if (sum % 11 != 0) return std::nullopt;
  return isbn;
}

std::optional<std::string> normalize_isbn13(std::string_view text) {
  auto isbn = compact(text, 13);
  if (!isbn || isbn->find('X') != std::string::npos) return std::nullopt;
  if (isbn->compare(0, 3, "978") != 0 && isbn->compare(0, 3, "979") != 0) return std::nullopt;
  int sum = 0;
  for (std::size_t i = 0; i < 13; ++i) sum += digit((*isbn)[i]) * (i % 2 == 0 ? 1 : 3);
  if (sum % 10 != 0) return std::nullopt;
  return isbn;
}

}  // namespace ld::books
