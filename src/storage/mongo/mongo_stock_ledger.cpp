// Stock: copies taken by orders and copies given back by cancelled ones, each recorded inside the
// book, by the same update that changes the count, under the order's id:
//   stock_holds.<order id>    copies taken for an order not yet known to be stored
//   stock_returns.<order id>  copies a cancelled order gave back
// so the count and the record of who changed it can never disagree, whenever S2 dies.
//
// A hold stays until the order is known to be stored (settle: the copies are the order's) or
// known never to be (release: the copies go back). A return stays until the order store says
// the cancellation's restock is done. Every step checks its record first, so it runs any number
// of times with the effect of once: a retried order that finds its own hold takes nothing more,
// a restock run again gives nothing more.
//
// A book with any entry also carries stock_pending: true (book_document.hpp), set by the update
// that adds an entry and taken off by the one that forgets the book's last entry of both ledgers,
// so the sweeper finds these few books through an index instead of reading the whole catalog.
#include "storage/mongo/mongo_stock_ledger.hpp"

#include <set>
#include <stdexcept>
#include <string_view>

#include "core/ids.hpp"
#include "storage/mongo/book_document.hpp"
#include "storage/mongo/book_lookup.hpp"
#include "storage/mongo/book_writes.hpp"
#include "storage/mongo/mongo_errors.hpp"

namespace ld::mongo {

namespace {

// "<ledger>.<order id>". Order ids are UUIDs made by S2, so the path never carries a '.' or a
// '$'; anything else is refused before it could become part of a field name.
std::string entry_path(const char* ledger, const std::string& order_id) {
  if (!ids::parse_order_id(order_id)) {
    throw std::invalid_argument("a stock record needs an order id (a UUID)");
  }
  return std::string(ledger) + "." + order_id;
}

struct LedgerEntry {
  std::int64_t quantity = 0;
};

// The entry `path` names in the stored book `doc`, if any.
std::optional<LedgerEntry> entry_of(const bson_t* doc, const std::string& path) {
  bson_iter_t iter;
  bson_iter_t entry;
  if (!bson_iter_init(&iter, doc) || !bson_iter_find_descendant(&iter, path.c_str(), &entry) ||
      !BSON_ITER_HOLDS_DOCUMENT(&entry)) {
    return std::nullopt;
  }
  LedgerEntry found;
  bson_iter_t field;
  if (bson_iter_recurse(&entry, &field) && bson_iter_find(&field, "quantity") &&
      BSON_ITER_HOLDS_NUMBER(&field)) {
    found.quantity = bson_iter_as_int64(&field);
  }
  return found;
}

// How many entries the stored book `doc` has in `ledger`.
std::size_t entry_count(const bson_t* doc, const char* ledger) {
  bson_iter_t entries;
  bson_iter_t each;
  std::size_t count = 0;
  if (bson_iter_init_find(&entries, doc, ledger) && bson_iter_recurse(&entries, &each)) {
    while (bson_iter_next(&each)) ++count;
  }
  return count;
}

// Whether the stored book `doc` has any entry in `ledger`.
bool has_entries(const bson_t* doc, const char* ledger) {
  bson_iter_t entries;
  bson_iter_t each;
  return bson_iter_init_find(&entries, doc, ledger) && bson_iter_recurse(&entries, &each) &&
         bson_iter_next(&each);
}

const char* other_ledger(const char* ledger) {
  return std::string_view(ledger) == kStockHolds ? kStockReturns : kStockHolds;
}

// {_id: oid, stock: {$gte: quantity}, <path>: {$exists: false}}
Bson hold_filter(const bson_oid_t& oid, std::int64_t quantity, const std::string& path) {
  Bson filter = id_filter(oid);
  bson_t stock;
  bson_append_document_begin(filter.get(), "stock", -1, &stock);
  bson_append_int64(&stock, "$gte", -1, quantity);
  bson_append_document_end(filter.get(), &stock);
  append_exists(filter.get(), path.c_str(), false);
  return filter;
}

// {$inc: {stock: by, revision: 1}} (no stock when `by` is 0) plus, with a `set_path`,
// {$set: {<set_path>: {quantity, taken_at}, stock_pending: true}}: the entry and the marker the
// sweeper finds it by land together.
Bson stock_update(std::int64_t by, const std::string* set_path, std::int64_t quantity) {
  Bson update;
  bson_t inc;
  bson_append_document_begin(update.get(), "$inc", -1, &inc);
  if (by != 0) bson_append_int64(&inc, "stock", -1, by);
  bson_append_int64(&inc, kRevision, -1, 1);  // book_writes.hpp
  bson_append_document_end(update.get(), &inc);
  if (set_path != nullptr) {
    bson_t set;
    bson_t entry;
    bson_append_document_begin(update.get(), "$set", -1, &set);
    bson_append_document_begin(&set, set_path->c_str(), -1, &entry);
    bson_append_int64(&entry, "quantity", -1, quantity);
    bson_append_date_time(&entry, "taken_at", -1, clock::now_ms());
    bson_append_document_end(&set, &entry);
    bson_append_bool(&set, kStockPending, -1, true);
    bson_append_document_end(update.get(), &set);
  }
  return update;
}

// Forgets entries; when they are all the ledger has, the whole ledger goes with them, so only
// books with entries carry the field, and the book's last entries of both ledgers take
// stock_pending with them too.
void append_unset_entries(bson_t* update, const char* ledger, const std::vector<std::string>& paths,
                          bool whole_ledger, bool last_of_book) {
  bson_t unset;
  bson_append_document_begin(update, "$unset", -1, &unset);
  if (whole_ledger) {
    bson_append_utf8(&unset, ledger, -1, "", 0);
  } else {
    for (const auto& path : paths) bson_append_utf8(&unset, path.c_str(), -1, "", 0);
  }
  if (last_of_book) bson_append_utf8(&unset, kStockPending, -1, "", 0);
  bson_append_document_end(update, &unset);
}

// Whether the update changed a book: false when `filter` (an as-read filter, book_writes.hpp)
// no longer matches it.
bool update_book(mongoc_collection_t* books, const bson_t* filter, const bson_t* update,
                 const char* operation) {
  Reply reply;
  bson_error_t error;
  if (!mongoc_collection_update_one(books, filter, update, nullptr, reply.out(), &error)) {
    throw_driver_error(error, operation);
  }
  return matched_count(reply.get()) == 1;
}

// Writes an update made from a read of the book: when the book moved on since (or is gone),
// throws StaleWrite, so rerun_while_stale makes it again from a fresh read.
void update_as_read(mongoc_collection_t* books, const bson_t* filter, const bson_t* update,
                    const char* operation) {
  if (!update_book(books, filter, update, operation)) {
    throw StaleWrite(std::string(operation) + ": the book changed after it was read");
  }
}

// What the book `doc`, as a hold just left it, says about settling that hold later.
HoldReceipt receipt_of(const bson_t* doc) {
  return {revision_of(doc), entry_count(doc, kStockHolds) == 1 && !has_entries(doc, kStockReturns)};
}

}  // namespace

HeldBook MongoStockLedger::hold_book_stock(const std::string& book_id, const std::string& order_id,
                                           std::int64_t quantity) {
  if (quantity <= 0) throw std::invalid_argument("hold_stock needs a positive quantity");
  const auto path = entry_path(kStockHolds, order_id);
  const auto oid = parse_oid(book_id);
  if (!oid) return {StockReservation::missing, std::nullopt, std::nullopt};
  return pool_.run("books.hold_stock", [&](PooledClient& client) -> HeldBook {
    auto books_coll = book_collection(client, database_);
    auto locks_coll = lock_collection(client, database_);
    const auto lock = writes_.lock(locks_coll.get(), *oid);
    // One conditional update: the server checks and decrements together, so concurrent orders
    // can never take the stock below zero (book_writes.hpp says how, on each server). It answers
    // with the book as changed, so the order needs no read of its own.
    Bson filter = hold_filter(*oid, quantity, path);
    Bson update = stock_update(-quantity, &path, quantity);
    const FindAndModifyOpts opts(mongoc_find_and_modify_opts_new());
    mongoc_find_and_modify_opts_set_update(opts.get(), update.get());
    mongoc_find_and_modify_opts_set_flags(opts.get(), MONGOC_FIND_AND_MODIFY_RETURN_NEW);
    const auto held = writes_.rerun_while_stale([&] {
      return find_and_modify(books_coll.get(), filter.get(), opts.get(), "books.hold_stock");
    });
    if (held) {
      return {StockReservation::reserved, book_from_document(held->get()), receipt_of(held->get())};
    }
    // Nothing matched: this order's earlier attempt holds the copies already, or the book is
    // missing, without stock, or short of it.
    const auto doc = find_book_document(books_coll.get(), *oid, "books.find", pool_.timeout());
    if (!doc) return {StockReservation::missing, std::nullopt, std::nullopt};
    Book book = book_from_document(doc->get());
    const auto outcome = entry_of(doc->get(), path) ? StockReservation::already_held
                         : !book.stock()            ? StockReservation::unlimited
                                                    : StockReservation::insufficient;
    return {outcome, std::move(book), std::nullopt};
  });
}

void MongoStockLedger::release_hold(const std::string& book_id, const std::string& order_id) {
  end_entries(book_id, {order_id}, kStockHolds, true, "books.release_hold");
}

void MongoStockLedger::settle_holds(const std::string& book_id,
                                    const std::vector<std::string>& order_ids) {
  end_entries(book_id, order_ids, kStockHolds, false, "books.settle_holds");
}

bool MongoStockLedger::settle_hold_as_held(const std::string& book_id, const std::string& order_id,
                                           const HoldReceipt& receipt) {
  const auto path = entry_path(kStockHolds, order_id);
  const auto oid = parse_oid(book_id);
  // Where each write needs the book's lock, the sweep settles with it.
  if (!oid || writes_.guard() == BookWriteGuard::lock_per_write) return false;
  return pool_.run("books.settle_hold", [&](PooledClient& client) {
    auto books_coll = book_collection(client, database_);
    // Applies only to the book as the hold left it: the receipt then says exactly what the
    // ledgers hold, so no read is needed to know whether this entry is the book's last.
    Bson filter = as_read_filter(*oid, receipt.revision);
    Bson update = stock_update(0, nullptr, 0);
    append_unset_entries(update.get(), kStockHolds, {path}, receipt.only_record,
                         receipt.only_record);
    try {
      return update_book(books_coll.get(), filter.get(), update.get(), "books.settle_hold");
    } catch (const StaleWrite&) {
      return false;  // written between FerretDB's read and its write: the sweep settles it
    }
  });
}

void MongoStockLedger::return_stock(const std::string& book_id, const std::string& order_id,
                                    std::int64_t quantity) {
  if (quantity <= 0) throw std::invalid_argument("return_stock needs a positive quantity");
  const auto path = entry_path(kStockReturns, order_id);
  const auto oid = parse_oid(book_id);
  if (!oid) return;
  pool_.run("books.return_stock", [&](PooledClient& client) {
    auto books_coll = book_collection(client, database_);
    auto locks_coll = lock_collection(client, database_);
    const auto lock = writes_.lock(locks_coll.get(), *oid);
    writes_.rerun_while_stale([&] {
      const auto doc = find_book_document(books_coll.get(), *oid, "books.find", pool_.timeout());
      if (!doc || entry_of(doc->get(), path)) return;  // gone, or given back before
      // Only to a book that counts its stock: an unlimited one must not start a count.
      if (!book_from_document(doc->get()).stock()) return;
      Bson filter = as_read_filter(*oid, revision_of(doc->get()));
      Bson update = stock_update(quantity, &path, quantity);
      update_as_read(books_coll.get(), filter.get(), update.get(), "books.return_stock");
    });
  });
}

void MongoStockLedger::forget_return(const std::string& book_id, const std::string& order_id) {
  end_entries(book_id, {order_id}, kStockReturns, false, "books.forget_return");
}

// Forgets the orders' entries in the book's ledger, giving their copies back first when
// `give_back`, all in one update, made from the book as read and applied only while the book is
// still as read: a write that another one overtook is made again from a fresh read (or, on a
// server that needs it, the book's lock keeps others out between the read and the write).
void MongoStockLedger::end_entries(const std::string& book_id,
                                   const std::vector<std::string>& order_ids, const char* ledger,
                                   bool give_back, const char* operation) {
  std::set<std::string> paths;  // once each, however often an order is named
  for (const auto& order_id : order_ids) paths.insert(entry_path(ledger, order_id));
  const auto oid = parse_oid(book_id);
  if (!oid || paths.empty()) return;
  pool_.run(operation, [&](PooledClient& client) {
    auto books_coll = book_collection(client, database_);
    auto locks_coll = lock_collection(client, database_);
    const auto lock = writes_.lock(locks_coll.get(), *oid);
    writes_.rerun_while_stale([&] {
      const auto doc = find_book_document(books_coll.get(), *oid, "books.find", pool_.timeout());
      if (!doc) return;
      std::vector<std::string> present;
      std::int64_t copies = 0;
      for (const auto& path : paths) {
        if (const auto entry = entry_of(doc->get(), path)) {
          present.push_back(path);
          copies += entry->quantity;
        }
      }
      if (present.empty()) return;
      Bson filter = as_read_filter(*oid, revision_of(doc->get()));
      // A book whose stock was removed meanwhile became unlimited: nothing to give back to.
      const bool stocked = give_back && book_from_document(doc->get()).stock();
      Bson update = stock_update(stocked ? copies : 0, nullptr, 0);
      const bool whole_ledger = present.size() == entry_count(doc->get(), ledger);
      const bool last_of_book = whole_ledger && !has_entries(doc->get(), other_ledger(ledger));
      append_unset_entries(update.get(), ledger, present, whole_ledger, last_of_book);
      update_as_read(books_coll.get(), filter.get(), update.get(), operation);
    });
  });
}

std::vector<StockHoldEntry> MongoStockLedger::holds_taken_before(clock::Millis taken_before,
                                                                 int limit) {
  return entries_before(kStockHolds, taken_before, limit, "books.holds");
}

std::vector<StockHoldEntry> MongoStockLedger::returns_made_before(clock::Millis made_before,
                                                                  int limit) {
  return entries_before(kStockReturns, made_before, limit, "books.returns");
}

std::vector<StockHoldEntry> MongoStockLedger::entries_before(const char* ledger,
                                                             clock::Millis before, int limit,
                                                             const char* operation) {
  return pool_.run(operation, [&](PooledClient& client) {
    auto books_coll = book_collection(client, database_);
    // {stock_pending: true, <ledger>: {$exists: true}}: the marker's index picks the few books
    // with entries; the server checks the ledger among those only.
    Bson filter;
    bson_append_bool(filter.get(), kStockPending, -1, true);
    append_exists(filter.get(), ledger, true);
    Bson opts;
    bson_t projection;
    bson_append_document_begin(opts.get(), "projection", -1, &projection);
    bson_append_int32(&projection, ledger, -1, 1);
    bson_append_document_end(opts.get(), &projection);
    limit_server_time(opts.get(), pool_.timeout());
    Cursor cursor(
        mongoc_collection_find_with_opts(books_coll.get(), filter.get(), opts.get(), nullptr));
    std::vector<StockHoldEntry> found;
    const bson_t* doc = nullptr;
    while (static_cast<int>(found.size()) < limit && mongoc_cursor_next(cursor.get(), &doc)) {
      bson_iter_t iter;
      bson_iter_t entries;
      if (!bson_iter_init_find(&iter, doc, "_id") || !BSON_ITER_HOLDS_OID(&iter)) continue;
      const std::string book_id = oid_hex(*bson_iter_oid(&iter));
      if (!bson_iter_init_find(&iter, doc, ledger) || !bson_iter_recurse(&iter, &entries)) {
        continue;
      }
      while (static_cast<int>(found.size()) < limit && bson_iter_next(&entries)) {
        StockHoldEntry entry{book_id, bson_iter_key(&entries), 0, 0};
        bson_iter_t field;
        if (!BSON_ITER_HOLDS_DOCUMENT(&entries) || !bson_iter_recurse(&entries, &field)) continue;
        while (bson_iter_next(&field)) {
          const std::string_view key = bson_iter_key(&field);
          if (key == "quantity" && BSON_ITER_HOLDS_NUMBER(&field)) {
            entry.quantity = bson_iter_as_int64(&field);
          } else if (key == "taken_at" && BSON_ITER_HOLDS_DATE_TIME(&field)) {
            entry.taken_at = bson_iter_date_time(&field);
          }
        }
        if (entry.taken_at < before) found.push_back(std::move(entry));
      }
    }
    bson_error_t error;
    if (mongoc_cursor_error(cursor.get(), &error)) throw_driver_error(error, operation);
    return found;
  });
}

}  // namespace ld::mongo
