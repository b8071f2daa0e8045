#include "domain/books/book.hpp"

#include <algorithm>

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

std::optional<std::int64_t> stock_to_store(const Book& read, const Book& changed,
                                           std::optional<std::int64_t> stored) {
  const auto before = read.stock();
  const auto after = changed.stock();
  // Made unlimited, or counted from now on: the writer's word is the whole of it.
  if (!after || !before || !stored) return after;
  return std::max<std::int64_t>(0, *stored + (*after - *before));
}

}  // namespace ld
