// The stock-hold sweep: what settles the holds that placing orders leaves in books.
//
// Placing an order holds its copies in each book (hold_stock), then stores the order in Redis.
// A hold whose order is stored has done its job and is settled (forgotten). A hold whose order
// is not stored, and that no attempt is placing any more, belongs to an attempt that died: its
// id is voided in the order store first (so no late attempt can store it) and only then are
// the copies given back. An attempt claims its id before it holds anything and keeps the claim
// alive while it runs (OrderRepository::begin_placing), so the holds of a live attempt are left
// alone and those of an attempt whose S2 died come back as soon as its claim lapses, within
// seconds. Past the expiry a hold is settled or given back even if its claim still lives (an
// attempt that runs that long is hopelessly late: voiding its id makes it start afresh).
//
// The sweep also finishes the restocks of cancelled orders that are still due after the expiry
// (restock.hpp), and forgets the records of returns whose restock is done. Every step is safe to
// repeat and to run from several S2 processes.
#pragma once

#include "core/clock.hpp"
#include "domain/books/stock_ledger.hpp"
#include "domain/orders/order_repository.hpp"

namespace ld {

struct StockHoldSweep {
  int settled = 0;    // holds of stored orders, forgotten
  int released = 0;   // holds of orders that will never be stored, copies given back
  int restocked = 0;  // cancelled orders whose restock was finished here
  int forgotten = 0;  // records of returns whose restock is done, forgotten
};

// Sweeps up to `limit` holds (those of ids no attempt is placing, and all from before
// `expired_before`), and the restocks and returns from before `expired_before`. Store failures
// throw; whatever was done before stays done and the rest waits for the next sweep.
StockHoldSweep sweep_stock_holds(StockLedger& stock, OrderRepository& orders,
                                 clock::Millis expired_before, int limit = 500);

}  // namespace ld
