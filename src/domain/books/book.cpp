#include "domain/books/book.hpp"

#include "core/violations.hpp"

namespace ld {

std::optional<Money> Book::price() const {
  const auto it = fields.find("price");
  if (it == fields.end() || it->is_null()) return std::nullopt;
  // Stored prices were validated on the way in; reading one back cannot fail, and if it somehow
  // did, the book is treated as not for sale rather than sold at a wrong price.
  Violations ignored;
  return read_money(*it, "price", ignored);
}

std::optional<std::int64_t> Book::stock() const {
  const auto it = fields.find("stock");
  if (it == fields.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<std::int64_t>();
}

}  // namespace ld
