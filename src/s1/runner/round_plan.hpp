// Everything a round will send, decided from the seed before anything is sent: the customers,
// the books (and which of them are deliberately broken) and, for each order, which customer and
// which books by index. Concurrency and server answers can't change it; only the ids S2 assigns
// are filled in later.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace ld::s1 {

struct Draft {
  nlohmann::json body;
  bool invalid = false;  // deliberately broken: S2 must refuse it with 4xx
};

struct OrderLine {
  std::size_t book = 0;  // index into the books' drafts
  int quantity = 1;
};

struct OrderDraft {
  std::size_t customer = 0;  // index into the customers' drafts
  std::vector<OrderLine> lines;
  int flaw = -1;  // >= 0: how this order is broken on purpose (see order_body)
  bool invalid() const { return flaw >= 0; }
};

// An independent stream per purpose, so adding a draw for one never shifts another's.
std::uint64_t derive_seed(std::uint64_t seed, std::string_view purpose);

std::vector<Draft> plan_customers(std::uint64_t seed, std::size_t count, double invalid_rate,
                                  const std::string& data_dir);

// Breaks an `invalid_rate` share of the fetched books, each in one of several ways.
std::vector<Draft> plan_books(std::vector<nlohmann::json> fetched, std::uint64_t seed,
                              double invalid_rate);

// Orders over the valid customers and the valid books that have a price, never asking for more
// of a book than its stock holds across the whole round (so no order fails for stock however
// the requests interleave). Fewer orders come back when stock runs out.
std::vector<OrderDraft> plan_orders(std::uint64_t seed, std::size_t count, double invalid_rate,
                                    const std::vector<Draft>& customers,
                                    const std::vector<Draft>& books);

// What S2 acknowledged holding of each book, by index into the books' drafts, from the record it
// answered the book's POST with (null: none): its stock (none: unlimited), or nothing to sell
// when it has no price. A book that was there before the round keeps its own price and stock,
// whatever the round planned for it (an earlier round's orders took some).
std::map<std::size_t, std::optional<std::int64_t>> stock_in_s2(
    const std::vector<nlohmann::json>& records);

// Trims each valid order's lines, in plan order, to what S2 holds of each book, drops lines left
// with nothing and orders left without lines. `on_hand` maps a book's index to its stock in S2
// (none: unlimited; absent: not known, taken as planned). Deliberately broken orders take
// nothing and are kept as they are.
struct StockFit {
  std::size_t lines_trimmed = 0;
  std::size_t orders_dropped = 0;
};
StockFit fit_orders_to_stock(std::vector<OrderDraft>& orders,
                             const std::map<std::size_t, std::optional<std::int64_t>>& on_hand);

// The POST /orders body with S2's ids filled in; nullopt when a record it needs was not created.
std::optional<nlohmann::json> order_body(
    const OrderDraft& draft, const std::vector<std::optional<std::int64_t>>& customer_ids,
    const std::vector<std::optional<std::string>>& book_ids);

}  // namespace ld::s1
