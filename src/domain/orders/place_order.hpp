// Placing an order, across the three stores: the customer is checked in PostgreSQL, each book's
// copies are held in MongoDB by one update that also answers with the book, which prices its line
// (StockLedger, recorded under the order's id), and the order is stored in Redis. An order found
// wrong on the way (a book missing, unpriced or short) gives back what it took before its 422 or
// 409. Nothing depends on S2 surviving between the steps:
//   - a hold is written in its book by the same update that takes the copies. Once the order is
//     stored the request settles it (one write per book, made from the hold's answer); a crash
//     or a book written meanwhile leaves it for the stock-hold sweep, which settles it once the
//     order is stored or gives the copies back once it is sure the order never will be
//     (stock_hold_sweep.hpp);
//   - each attempt claims its order id before it holds anything (placing_claim.hpp), a lease
//     its S2 renews: the sweep waits for the claim to end or lapse, so the holds of an attempt
//     that died come back within seconds;
//   - the order and its idempotency record are stored by one atomic step, so a retry of a keyed
//     request finds either both or neither;
//   - a keyed request is promised one order id for all its attempts, so its retry reuses the
//     hold its first attempt took instead of taking the stock twice.
#pragma once

#include <functional>

#include "domain/books/book_repository.hpp"
#include "domain/books/stock_ledger.hpp"
#include "domain/customers/customer_repository.hpp"
#include "domain/orders/order.hpp"
#include "domain/orders/order_repository.hpp"
#include "domain/orders/order_request.hpp"
#include "domain/shared/idempotency.hpp"

namespace ld {

// The stores an order touches.
struct OrderStores {
  OrderRepository& orders;
  CustomerRepository& customers;
  BookRepository& books;
  StockLedger& stock;
};

// What the client is answered for a placed order, byte for byte: a keyed request's record keeps
// exactly this, so a replay is identical to the first answer.
using OrderAnswer = std::function<StoredResponse(const Order&)>;

// Places the order `request` asks for. Checks run in the API's order: 422 (the customer and every
// book, all problems in one Error), then 409 (stock, naming items[i].quantity). Returns the order
// to answer with: the one stored now or, for a keyed retry, the one its earlier attempt stored.
// With a `scope`, the order takes its promised id and the record is completed with the order
// (`answer` gives its response; scope->recorded() says it was stored). A store that is down
// throws StoreUnavailable and leaves nothing behind that the sweep would not clear up.
Order place_order(const OrderStores& stores, const OrderRequest& request, IdempotencyScope* scope,
                  const OrderAnswer& answer);

}  // namespace ld
