#include "s1/runner/round_plan.hpp"

#include <algorithm>

#include "s1/generator/customer_generator.hpp"
#include "s1/generator/random.hpp"

namespace ld::s1 {

namespace {

constexpr std::uint64_t kBookFlaws = 6;
constexpr std::uint64_t kOrderFlaws = 6;

// An ISBN-13 of the right shape whose check digit is wrong.
std::string isbn13_with_bad_check(Random& random) {
  std::string digits = "978";
  for (int i = 0; i < 9; ++i) digits += static_cast<char>('0' + random.below(10));
  int sum = 0;
  for (std::size_t i = 0; i < digits.size(); ++i) sum += (digits[i] - '0') * (i % 2 ? 3 : 1);
  const int check = (10 - sum % 10) % 10;
  return digits + static_cast<char>('0' + (check + 1) % 10);
}

void break_book(nlohmann::json& book, std::uint64_t flaw, Random& random) {
  switch (flaw) {
    case 0:
      book["title"] = "   ";
      break;
    case 1:
      book["isbn_13"] = isbn13_with_bad_check(random);
      break;
    case 2:
      book["price"] = {{"amount", "-1.00"}, {"currency", "BRL"}};
      break;
    case 3:
      book["page_count"] = -1;
      break;
    case 4:
      book["$where"] = "1";
      break;  // an operator where a field name belongs
    default:
      book["published_date"] = "2021-02-30";
      break;
  }
}

int draw_quantity(Random& random) {
  const auto roll = random.below(10);
  return roll < 7 ? 1 : roll < 9 ? 2 : 3;
}

}  // namespace

std::uint64_t derive_seed(std::uint64_t seed, std::string_view purpose) {
  std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a of the purpose...
  for (const unsigned char c : purpose) h = (h ^ c) * 0x100000001b3ULL;
  std::uint64_t z = seed ^ h;  // ...mixed with the seed by splitmix64's finaliser
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::vector<Draft> plan_customers(std::uint64_t seed, std::size_t count, double invalid_rate,
                                  const std::string& data_dir) {
  CustomerGenerator generator(seed, data_dir);
  Random decide(derive_seed(seed, "customers/invalid"));
  std::vector<Draft> drafts;
  drafts.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const bool invalid = invalid_rate > 0 && decide.chance(invalid_rate);
    drafts.push_back({invalid ? generator.next_invalid() : generator.next(), invalid});
  }
  return drafts;
}

std::vector<Draft> plan_books(std::vector<nlohmann::json> fetched, std::uint64_t seed,
                              double invalid_rate) {
  Random decide(derive_seed(seed, "books/invalid"));
  std::vector<Draft> drafts;
  drafts.reserve(fetched.size());
  for (auto& book : fetched) {
    const bool invalid = invalid_rate > 0 && decide.chance(invalid_rate);
    if (invalid) break_book(book, decide.below(kBookFlaws), decide);
    drafts.push_back({std::move(book), invalid});
  }
  return drafts;
}

std::vector<OrderDraft> plan_orders(std::uint64_t seed, std::size_t count, double invalid_rate,
                                    const std::vector<Draft>& customers,
                                    const std::vector<Draft>& books) {
  std::vector<std::size_t> buyers;
  for (std::size_t i = 0; i < customers.size(); ++i) {
    if (!customers[i].invalid) buyers.push_back(i);
  }
  struct Shelf {
    std::size_t book;
    std::optional<std::int64_t> stock;  // none: unlimited
  };
  std::vector<Shelf> shelves;
  for (std::size_t i = 0; i < books.size(); ++i) {
    const auto& body = books[i].body;
    if (books[i].invalid || !body.contains("price") || !body["price"].is_object()) continue;
    std::optional<std::int64_t> stock;
    if (body.contains("stock") && body["stock"].is_number_integer()) {
      stock = body["stock"].get<std::int64_t>();
    }
    shelves.push_back({i, stock});
  }

  Random pick(derive_seed(seed, "orders"));
  Random decide(derive_seed(seed, "orders/invalid"));
  std::vector<OrderDraft> drafts;
  for (std::size_t n = 0; n < count && !buyers.empty(); ++n) {
    OrderDraft draft;
    if (invalid_rate > 0 && decide.chance(invalid_rate)) {
      draft.flaw = static_cast<int>(decide.below(kOrderFlaws));
    }
    draft.customer = buyers[pick.below(buyers.size())];
    const auto wanted = 1 + pick.below(3);
    std::vector<std::size_t> taken;  // positions in `shelves`
    for (std::uint64_t line = 0; line < wanted; ++line) {
      std::vector<std::size_t> candidates;
      for (std::size_t s = 0; s < shelves.size(); ++s) {
        const bool in_stock = !shelves[s].stock || *shelves[s].stock > 0;
        if (in_stock && std::find(taken.begin(), taken.end(), s) == taken.end()) {
          candidates.push_back(s);
        }
      }
      if (candidates.empty()) break;
      const auto s = candidates[pick.below(candidates.size())];
      taken.push_back(s);
      int quantity = draw_quantity(pick);
      if (shelves[s].stock) {
        quantity = static_cast<int>(std::min<std::int64_t>(quantity, *shelves[s].stock));
        // An order refused on purpose takes nothing from the shelf.
        if (!draft.invalid()) *shelves[s].stock -= quantity;
      }
      draft.lines.push_back({shelves[s].book, quantity});
    }
    if (draft.lines.empty()) break;  // nothing priced is left in stock
    drafts.push_back(std::move(draft));
  }
  return drafts;
}

std::map<std::size_t, std::optional<std::int64_t>> stock_in_s2(
    const std::vector<nlohmann::json>& records) {
  std::map<std::size_t, std::optional<std::int64_t>> on_hand;
  for (std::size_t i = 0; i < records.size(); ++i) {
    const auto& record = records[i];
    if (!record.is_object()) continue;
    if (!record.contains("price") || !record["price"].is_object()) {
      on_hand[i] = 0;
      continue;
    }
    const auto stock = record.value("stock", nlohmann::json());
    on_hand[i] =
        stock.is_number_integer() ? std::optional(stock.get<std::int64_t>()) : std::nullopt;
  }
  return on_hand;
}

StockFit fit_orders_to_stock(std::vector<OrderDraft>& orders,
                             const std::map<std::size_t, std::optional<std::int64_t>>& on_hand) {
  std::map<std::size_t, std::int64_t> left;
  for (const auto& [book, stock] : on_hand) {
    if (stock) left[book] = *stock;
  }
  StockFit fit;
  std::vector<OrderDraft> kept;
  for (auto& order : orders) {
    if (!order.invalid()) {
      std::vector<OrderLine> lines;
      for (auto line : order.lines) {
        const auto it = left.find(line.book);
        if (it != left.end()) {
          const auto quantity = std::min<std::int64_t>(line.quantity, it->second);
          if (quantity < line.quantity) ++fit.lines_trimmed;
          it->second -= quantity;
          line.quantity = static_cast<int>(quantity);
        }
        if (line.quantity > 0) lines.push_back(line);
      }
      order.lines = std::move(lines);
      if (order.lines.empty()) {
        ++fit.orders_dropped;
        continue;
      }
    }
    kept.push_back(std::move(order));
  }
  orders = std::move(kept);
  return fit;
}

std::optional<nlohmann::json> order_body(
    const OrderDraft& draft, const std::vector<std::optional<std::int64_t>>& customer_ids,
    const std::vector<std::optional<std::string>>& book_ids) {
  if (draft.customer >= customer_ids.size() || !customer_ids[draft.customer]) return std::nullopt;
  nlohmann::json items = nlohmann::json::array();
  for (const auto& line : draft.lines) {
    if (line.book >= book_ids.size() || !book_ids[line.book]) return std::nullopt;
    items.push_back({{"book_id", *book_ids[line.book]}, {"quantity", line.quantity}});
  }
  nlohmann::json body = {{"customer_id", *customer_ids[draft.customer]}, {"items", items}};
  switch (draft.flaw) {
    case -1:
      break;
    case 0:
      body["items"][0]["quantity"] = 0;
      break;
    case 1:
      body["items"][0]["quantity"] = 101;
      break;
    case 2:
      body["items"] = nlohmann::json::array();
      break;
    case 3:
      body["items"].push_back(body["items"][0]);
      break;  // the same book twice
    case 4:
      body["items"][0]["book_id"] = "not-a-book-id";
      break;
    default:
      body["customer_id"] = "abc";
      break;
  }
  return body;
}

}  // namespace ld::s1
