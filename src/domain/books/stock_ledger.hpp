// What the bookstore needs to count the copies of its books: the stock ledger, kept by the store
// that keeps books (MongoDB), inside each book. Every change of a book's stock is recorded under
// the order that made it, in the same atomic update that changes the count, so a crash can
// neither lose a change nor make it twice; running any step again for the same order does
// nothing more.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "domain/books/book.hpp"

namespace ld {

enum class StockReservation {
  reserved,      // stock was taken and the hold recorded (StockLedger::hold_stock)
  already_held,  // an earlier attempt of the same order holds it: nothing taken now
  unlimited,     // the book tracks no stock; nothing to give back
  insufficient,  // not enough stock; nothing taken
  missing,       // the book is gone
};

// The book's stock records as a hold just left them, read from the hold's own answer: enough for
// the store to settle that hold later in one write, with no read first, as long as nothing else
// wrote the book in between.
struct HoldReceipt {
  std::int64_t revision = 0;  // the book's revision right after the hold
  bool only_record = false;   // the hold is the book's only record, of holds and returns both
};

// What taking copies found: the outcome, and the book as stored right after (none when missing),
// so an order learns each book's title and price from the same step that takes its copies. A
// hold taken now (reserved) comes with its receipt.
struct HeldBook {
  StockReservation reservation = StockReservation::missing;
  std::optional<Book> book;
  std::optional<HoldReceipt> receipt;
};

// Copies an order took from a book before the order was stored (a hold), or copies a cancelled
// order gave back (a return). The stock-hold sweep settles a hold once the order is known to
// exist, or gives the copies back once it is known never to; it forgets a return once the order
// store no longer lists the restock as due.
struct StockHoldEntry {
  std::string book_id;
  std::string order_id;
  std::int64_t quantity = 0;
  clock::Millis taken_at = 0;
};

// Every call may throw StoreUnavailable when the store is down or does not answer in time (then
// the step may or may not have happened; running it again is always safe), and a 409 Error when
// another write to the same book holds it for longer than the store waits.
// `order_id` must be an order id (a UUID): anything else throws std::invalid_argument.
class StockLedger {
 public:
  virtual ~StockLedger() = default;

  // Takes `quantity` (> 0) copies for the order `order_id` (never below zero) and records the
  // hold in the same atomic update. Taking again for an order that already holds copies of this
  // book takes nothing and answers `already_held`: a retried order reuses what its first attempt
  // took. Answers with the book as stored after the step; hold_stock is the same without it.
  virtual HeldBook hold_book_stock(const std::string& book_id, const std::string& order_id,
                                   std::int64_t quantity) = 0;
  StockReservation hold_stock(const std::string& book_id, const std::string& order_id,
                              std::int64_t quantity) {
    return hold_book_stock(book_id, order_id, quantity).reservation;
  }
  // Undoes hold_stock: the held copies go back to the stock and the hold is gone. Nothing
  // happens when the book has no such hold, so running it twice gives back once.
  virtual void release_hold(const std::string& book_id, const std::string& order_id) = 0;
  // The orders were stored: their copies stay taken and their holds in this book are forgotten,
  // all in one step (the sweep settles a book's holds together). Holds already gone are skipped.
  virtual void settle_holds(const std::string& book_id,
                            const std::vector<std::string>& order_ids) = 0;
  void settle_hold(const std::string& book_id, const std::string& order_id) {
    settle_holds(book_id, {order_id});
  }
  // The order is stored: settles its hold in one write made from `receipt`, the hold's own
  // answer. True when settled; false when the book was written since the hold (or the store
  // cannot write without reading first), and the hold stays as it was, for the sweep.
  virtual bool settle_hold_as_held(const std::string& book_id, const std::string& order_id,
                                   const HoldReceipt& receipt) = 0;
  // Holds taken before `taken_before`, at most `limit`.
  virtual std::vector<StockHoldEntry> holds_taken_before(clock::Millis taken_before, int limit) = 0;

  // Gives a cancelled order's `quantity` (> 0) copies back to a book that counts its stock, and
  // records the return in the same update: running it again for the order gives nothing more.
  // A book that is gone or counts no stock gets nothing.
  virtual void return_stock(const std::string& book_id, const std::string& order_id,
                            std::int64_t quantity) = 0;
  // The order store no longer lists the restock as due: the record of the return can go.
  virtual void forget_return(const std::string& book_id, const std::string& order_id) = 0;
  // Returns recorded before `made_before` (taken_at is when), at most `limit`.
  virtual std::vector<StockHoldEntry> returns_made_before(clock::Millis made_before, int limit) = 0;
};

}  // namespace ld
