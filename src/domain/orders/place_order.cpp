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

// Looks up the customer and every book, and takes each book's title and price. Every problem
// found is reported together in one 422.
std::vector<PricedLine> price_lines(const OrderRequest& request, CustomerRepository& customers,
                                    BookRepository& books) {
  std::vector<FieldError> problems;
  if (!customers.exists(request.customer_id)) {
    problems.push_back({"customer_id", "no customer has this id"});
  }
  std::vector<PricedLine> lines;
  std::optional<std::string> currency;
  std::optional<std::size_t> currency_source;
  bool currency_reported = false;
  for (std::size_t i = 0; i < request.items.size(); ++i) {
    const auto& line = request.items[i];
    const std::string field = fmt::format("items[{}].book_id", i);
    const auto book = books.find(line.book_id);
    if (!book) {
      problems.push_back({field, "no book has this id"});
      continue;
    }
    const auto price = book->price();
    if (!price) {
      problems.push_back({field, "is not for sale (the book has no price)"});
      continue;
    }
    if (!currency) {
      currency = price->currency;
      currency_source = i;
    } else if (price->currency != *currency && !currency_reported) {
      // Only the first differing item is named: which of the others "differ" depends on it.
      problems.push_back({field, fmt::format("is priced in {}, but items[{}] in {}; an order "
                                             "takes one currency",
                                             price->currency, *currency_source, *currency)});
      currency_reported = true;
      continue;
    }
    lines.push_back({line.book_id, book->title(), *price, line.quantity});
  }
  if (!problems.empty()) {
    throw Error(ErrorKind::unprocessable, "The order refers to a customer or books it cannot use.",
                std::move(problems));
  }
  return lines;
}

void reserve_stock(const OrderRequest& request, StockHold& hold) {
  for (std::size_t i = 0; i < request.items.size(); ++i) {
    const auto& line = request.items[i];
    switch (hold.take(line.book_id, line.quantity)) {
      case StockReservation::reserved:
      case StockReservation::already_held:
      case StockReservation::unlimited:
        break;
      case StockReservation::insufficient:
        throw conflict(
            fmt::format("items[{}].quantity", i),
            fmt::format("not enough stock for {} copies of book {}", line.quantity, line.book_id));
      case StockReservation::missing:
        throw unprocessable(fmt::format("items[{}].book_id", i),
                            "the book was removed while the order was being placed");
    }
  }
}

// Holds the stock and stores the order under `order_id`; nullopt when the id turned out to be
// voided (the attempt ran so long that the sweep gave its stock back).
std::optional<Order> place(const OrderStores& stores, const OrderRequest& request,
                           const std::vector<PricedLine>& lines, const std::string& order_id,
                           IdempotencyScope* scope, const OrderAnswer& answer) {
  // Claimed first and ended last, after the holds are given back or kept: the sweep leaves
  // this attempt's holds alone for exactly as long as it runs.
  const PlacingClaim claim(stores.orders, order_id);
  StockHold hold(stores.stock, order_id);  // releases the holds unless keep() says otherwise
  reserve_stock(request, hold);

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
      hold.keep();
      if (scope != nullptr) scope->mark_recorded();
      return order;
    case OrderRepository::Placement::placed_before: {
      // An earlier attempt stored it, with its idempotency record, and died before answering:
      // answer with what it stored.
      hold.keep();
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
  const auto lines = price_lines(request, stores.customers, stores.books);
  // A keyed request is promised one order id for all its attempts, so a retry after a crash
  // finds the stock its first attempt holds (and the order, if that attempt stored it) instead
  // of taking the stock twice.
  const std::string order_id =
      scope != nullptr && !scope->promised_id().empty() ? scope->promised_id() : ids::new_uuid_v7();
  if (auto order = place(stores, request, lines, order_id, scope, answer)) return *order;
  // That id was voided and its stock given back: place the order afresh under a new one.
  if (auto order = place(stores, request, lines, ids::new_uuid_v7(), scope, answer)) return *order;
  throw StoreUnavailable("redis", "order id voided twice in a row");
}

}  // namespace ld
