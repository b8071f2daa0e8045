// /orders: an order is checked against PostgreSQL (customer) and MongoDB (books, stock) and kept
// in Redis. Checks run in the API's order: 400 (the request), 404 (the order), 422 (customers
// and books it refers to), 409 (stock, status).
#include "s2/order_handlers.hpp"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/json_input.hpp"
#include "core/violations.hpp"
#include "domain/orders/order_json.hpp"
#include "domain/orders/order_request.hpp"
#include "domain/orders/pricing.hpp"
#include "domain/orders/restock.hpp"
#include "domain/orders/status_moves.hpp"
#include "domain/orders/stock_hold.hpp"
#include "s2/paging.hpp"

namespace ld::s2 {

namespace {

std::string order_id_from_path(const http::Request& request) {
  auto id = ids::parse_order_id(request.param("id"));
  if (!id) throw invalid_field("id", "must be an order id (a UUID such as 0190c3e2-...)");
  return *id;
}

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

}  // namespace

http::Response OrderHandlers::create(http::Request& request) {
  const auto order_request = read_order_request(json_input::parse_object(request.body));
  const auto lines = price_lines(order_request, customers_, books_);
  // A keyed request is promised one order id for all its attempts, so a retry after a crash
  // finds the stock its first attempt holds (and the order, if that attempt stored it) instead
  // of taking the stock twice.
  std::string order_id = request.promised_id.empty() ? ids::new_uuid_v7() : request.promised_id;
  if (auto response = place(request, order_request, lines, order_id)) return *response;
  // That id was voided and its stock given back: place the order afresh under a new one.
  if (auto response = place(request, order_request, lines, ids::new_uuid_v7())) return *response;
  throw StoreUnavailable("redis", "order id voided twice in a row");
}

std::optional<http::Response> OrderHandlers::place(http::Request& request,
                                                   const OrderRequest& order_request,
                                                   const std::vector<PricedLine>& lines,
                                                   const std::string& order_id) {
  StockHold hold(stock_, order_id);  // releases the holds unless keep() says otherwise
  reserve_stock(order_request, hold);

  const auto order = price_order(order_id, order_request.customer_id, lines, clock::now_ms());
  const std::string location = "/orders/" + order.id;
  auto response = http::Response::created(to_json(order), location);
  std::optional<IdempotencyOutcome> outcome;
  if (!request.idempotency_key.empty()) {
    // The record holds the very bytes answered now, so a replay is identical.
    outcome = IdempotencyOutcome{
        request.idempotency_key, request.body_fingerprint,
        StoredResponse{response.status, response.body, response.content_type, location}};
  }
  auto placement = OrderRepository::Placement::voided;
  try {
    placement = orders_.insert(order, outcome ? &*outcome : nullptr);
  } catch (const OrderOutcomeUnknown&) {
    // Redis took the write but its answer was lost. Ask again, voiding the id if the order is
    // not there, so the answer is final; if Redis cannot say, the holds stay for the sweeper.
    bool placed = false;
    try {
      placed = orders_.placed_or_void(order.id);
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
      request.idempotency_recorded = outcome.has_value();
      return response;
    case OrderRepository::Placement::placed_before: {
      // An earlier attempt stored it, with its idempotency record, and died before answering:
      // answer with what it stored.
      hold.keep();
      request.idempotency_recorded = outcome.has_value();
      const auto stored = orders_.find(order.id);
      if (!stored) throw StoreUnavailable("redis", "order stored earlier cannot be read");
      return http::Response::created(to_json(*stored), location);
    }
    case OrderRepository::Placement::customer_gone:
      // Deleted between the check above and now: the same answer the check would give today.
      throw unprocessable("customer_id", "no customer has this id");
    case OrderRepository::Placement::voided:
      break;
  }
  return std::nullopt;
}

http::Response OrderHandlers::list(http::Request& request) {
  Violations v;
  OrderFilter filter;
  if (const auto text = request.query_param("customer_id")) {
    filter.customer_id = ids::parse_customer_id(*text);
    if (!filter.customer_id) v.add("customer_id", "must be a customer id (a positive integer)");
  }
  if (const auto text = request.query_param("status")) {
    filter.status = parse_order_status(*text);
    if (!filter.status) {
      v.add("status", "must be one of created, paid, shipped, delivered, cancelled");
    }
  }
  PageRequest page;
  try {
    page = read_page(request);
  } catch (const Error& e) {
    for (const auto& field : e.fields()) v.add(field.field, field.message);
  }
  v.throw_if_any();
  const auto result = orders_.list(filter, page);
  return http::Response::json(200, page_json(result, [](const Order& o) { return to_json(o); }));
}

http::Response OrderHandlers::get(http::Request& request) {
  const auto id = order_id_from_path(request);
  const auto order = orders_.find(id);
  if (!order) throw not_found("No order has this id.");
  return http::Response::json(200, to_json(*order));
}

http::Response OrderHandlers::patch(http::Request& request) {
  const auto id = order_id_from_path(request);
  const auto target = read_status_change(json_input::parse_object(request.body));
  const auto current = orders_.find(id);
  if (!current) throw not_found("No order has this id.");
  if (!target) return http::Response::json(200, to_json(*current));  // {} changes nothing

  if (!can_move(current->status, *target)) {
    throw conflict("status", fmt::format("an order that is {} cannot become {}",
                                         to_string(current->status), to_string(*target)));
  }
  Order next = *current;
  next.status = *target;
  // Strictly later than before, even within the same millisecond, so clients can tell the
  // change happened by updated_at alone.
  next.updated_at = std::max(clock::now_ms(), current->updated_at + 1);
  if (!orders_.update_status(next, current->status)) {
    throw conflict("status", "the order changed while this request ran; read it again");
  }
  // Only after the status change (which listed the restock as due) is stored: two cancellations
  // racing cannot both give back, and a restock cut short here is finished by the sweep.
  if (gives_stock_back(*target)) restock(stock_, orders_, next);
  return http::Response::json(200, to_json(next));
}

}  // namespace ld::s2
