#include "domain/orders/place_order.hpp"

#include <exception>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "domain/orders/placing_claim.hpp"
#include "domain/orders/pricing.hpp"
#include "domain/orders/stock_hold.hpp"

namespace ld {

namespace {

// Prices an order's lines from their books as read, naming every book that cannot be priced:
// missing, without a price, or (only the first such) in another currency than the order's.
class LinePricing {
 public:
  void add(std::size_t i, const OrderLine& line, const std::optional<Book>& book) {
    const std::string field = fmt::format("items[{}].book_id", i);
    if (!book) {
      problems.push_back({field, "no book has this id"});
      return;
    }
    const auto price = book->price();
    if (!price) {
      problems.push_back({field, "is not for sale (the book has no price)"});
      return;
    }
    if (!currency_) {
      currency_ = price->currency;
      currency_source_ = i;
    } else if (price->currency != *currency_) {
      // Only the first differing item is named: which of the others "differ" depends on it.
      if (!currency_reported_) {
        problems.push_back({field, fmt::format("is priced in {}, but items[{}] in {}; an order "
                                               "takes one currency",
                                               price->currency, *currency_source_, *currency_)});
        currency_reported_ = true;
      }
      return;
    }
    lines.push_back({line.book_id, book->title(), *price, line.quantity});
  }

  std::vector<PricedLine> lines;
  std::vector<FieldError> problems;

 private:
  std::optional<std::string> currency_;
  std::optional<std::size_t> currency_source_;
  bool currency_reported_ = false;
};

[[noreturn]] void refuse(std::vector<FieldError> problems) {
  throw Error(ErrorKind::unprocessable, "The order refers to a customer or books it cannot use.",
              std::move(problems));
}

// An order for a customer who does not exist takes nothing: its books are only read, so the one
// 422 names every problem at once.
[[noreturn]] void refuse_without_customer(const OrderRequest& request, BookRepository& books) {
  LinePricing pricing;
  pricing.problems.push_back({"customer_id", "no customer has this id"});
  for (std::size_t i = 0; i < request.items.size(); ++i) {
    pricing.add(i, request.items[i], books.find(request.items[i].book_id));
  }
  refuse(std::move(pricing.problems));
}

// Takes each book's copies and prices its line from the book as that same step left it, so an
// order reads each book once. Every 422 is found before the first short item's 409; when either
// is thrown, `hold` gives back what was taken.
std::vector<PricedLine> take_and_price(const OrderRequest& request, StockHold& hold) {
  LinePricing pricing;
  std::optional<std::size_t> short_item;
  for (std::size_t i = 0; i < request.items.size(); ++i) {
    const auto& line = request.items[i];
    const auto held = hold.take(line.book_id, line.quantity);
    if (held.reservation == StockReservation::insufficient && !short_item) short_item = i;
    pricing.add(i, line, held.book);
  }
  if (!pricing.problems.empty()) refuse(std::move(pricing.problems));
  if (short_item) {
    const auto& line = request.items[*short_item];
    throw conflict(
        fmt::format("items[{}].quantity", *short_item),
        fmt::format("not enough stock for {} copies of book {}", line.quantity, line.book_id));
  }
  return std::move(pricing.lines);
}

// Holds the stock and stores the order under `order_id`; nullopt when the id turned out to be
// voided (the attempt ran so long that the sweep gave its stock back).
std::optional<Order> place(const OrderStores& stores, const OrderRequest& request,
                           const std::string& order_id, IdempotencyScope* scope,
                           const OrderAnswer& answer) {
  // Claimed first and ended last, after the holds are given back or kept: the sweep leaves
  // this attempt's holds alone for exactly as long as it runs.
  const PlacingClaim claim(stores.orders, order_id);
  StockHold hold(stores.stock, order_id);  // releases the holds unless keep() says otherwise
  const auto lines = take_and_price(request, hold);

  const auto order = price_order(order_id, request.customer_id, lines, clock::now_ms());
  std::optional<IdempotencyOutcome> outcome;
  if (scope != nullptr) outcome = scope->outcome(answer(order));
  auto placement = OrderRepository::Placement::voided;
  try {
    placement = stores.orders.insert(order, outcome ? &*outcome : nullptr);
  } catch (const OrderOutcomeUnknown&) {
    // Redis took the write but its answer was lost. Ask again, voiding the id if the order is
    // not there, so the answer is final; if Redis cannot say, the holds stay for the sweeper.
    bool placed = false;
    try {
      placed = stores.orders.placed_or_void(order.id);
    } catch (const std::exception&) {
      hold.keep();
      throw;
    }
    if (!placed) throw;  // voided: nothing stored, the holds go back
    placement = OrderRepository::Placement::placed;
  }
  switch (placement) {
    case OrderRepository::Placement::placed:
      if (scope != nullptr) scope->mark_recorded();
      hold.settle();
      return order;
    case OrderRepository::Placement::placed_before: {
      // An earlier attempt stored it, with its idempotency record, and died before answering:
      // answer with what it stored. That attempt took every copy of the order, so whatever this
      // one took afresh (the earlier holds were settled already) goes back.
      hold.give_back();
      if (scope != nullptr) scope->mark_recorded();
      auto stored = stores.orders.find(order.id);
      if (!stored) throw StoreUnavailable("redis", "order stored earlier cannot be read");
      return *stored;
    }
    case OrderRepository::Placement::customer_gone:
      // Deleted between the check above and now: the same answer the check would give today.
      throw unprocessable("customer_id", "no customer has this id");
    case OrderRepository::Placement::voided:
      break;
  }
  return std::nullopt;
}

}  // namespace

Order place_order(const OrderStores& stores, const OrderRequest& request, IdempotencyScope* scope,
                  const OrderAnswer& answer) {
  if (!stores.customers.exists(request.customer_id)) {
    refuse_without_customer(request, stores.books);
  }
  // A keyed request is promised one order id for all its attempts, so a retry after a crash
  // finds the stock its first attempt holds (and the order, if that attempt stored it) instead
  // of taking the stock twice.
  const std::string order_id =
      scope != nullptr && !scope->promised_id().empty() ? scope->promised_id() : ids::new_uuid_v7();
  if (auto order = place(stores, request, order_id, scope, answer)) return *order;
  // That id was voided and its stock given back: place the order afresh under a new one.
  if (auto order = place(stores, request, ids::new_uuid_v7(), scope, answer)) return *order;
  throw StoreUnavailable("redis", "order id voided twice in a row");
}

}  // namespace ld
