// Stock: copies taken by orders, each take recorded as a hold inside the book it came from.
//
// Taking copies and recording the hold is one conditional update of the book, so the count and
// the record of who took what can never disagree, whenever S2 dies. A hold stays until the
// order is known to be stored (settle: the copies are the order's) or known never to be
// (release: the copies go back). Both check the hold first, so either runs any number of times
// with the effect of once; a retried order that finds its own hold takes nothing more.
#include <stdexcept>

#include "core/ids.hpp"
#include "storage/mongo/book_document.hpp"
#include "storage/mongo/book_lock.hpp"
#include "storage/mongo/book_lookup.hpp"
#include "storage/mongo/mongo_book_repository.hpp"
#include "storage/mongo/mongo_errors.hpp"

namespace ld::mongo {

namespace {

// "stock_holds.<order id>". Order ids are UUIDs made by S2, so the path never carries a '.' or
// a '$'; anything else is refused before it could become part of a field name.
std::string hold_path(const std::string& order_id) {
  if (!ids::parse_order_id(order_id)) {
    throw std::invalid_argument("a stock hold needs an order id (a UUID)");
  }
  return std::string(kStockHolds) + "." + order_id;
}

struct HeldCopies {
  std::int64_t quantity = 0;
  bool last = false;  // the only hold the book has
};

// The hold `path` names in the stored book `doc`, if any.
std::optional<HeldCopies> held_copies(const bson_t* doc, const std::string& path) {
  bson_iter_t iter;
  bson_iter_t hold;
  if (!bson_iter_init(&iter, doc) || !bson_iter_find_descendant(&iter, path.c_str(), &hold) ||
      !BSON_ITER_HOLDS_DOCUMENT(&hold)) {
    return std::nullopt;
  }
  HeldCopies held;
  bson_iter_t field;
  if (bson_iter_recurse(&hold, &field) && bson_iter_find(&field, "quantity") &&
      BSON_ITER_HOLDS_NUMBER(&field)) {
    held.quantity = bson_iter_as_int64(&field);
  }
  bson_iter_t holds;
  bson_iter_t each;
  int count = 0;
  if (bson_iter_init_find(&holds, doc, kStockHolds) && bson_iter_recurse(&holds, &each)) {
    while (bson_iter_next(&each)) ++count;
  }
  held.last = count == 1;
  return held;
}

// {_id: oid, stock: {$gte: quantity}, <path>: {$exists: false}}
Bson hold_filter(const bson_oid_t& oid, std::int64_t quantity, const std::string& path) {
  Bson filter = id_filter(oid);
  bson_t stock;
  bson_append_document_begin(filter.get(), "stock", -1, &stock);
  bson_append_int64(&stock, "$gte", -1, quantity);
  bson_append_document_end(filter.get(), &stock);
  bson_t absent;
  bson_append_document_begin(filter.get(), path.c_str(), -1, &absent);
  bson_append_bool(&absent, "$exists", -1, false);
  bson_append_document_end(filter.get(), &absent);
  return filter;
}

// {$inc: {stock: by}} plus, with a `set_path`, {$set: {<set_path>: {quantity, taken_at}}}.
Bson stock_update(std::int64_t by, const std::string* set_path, std::int64_t quantity) {
  Bson update;
  bson_t inc;
  bson_append_document_begin(update.get(), "$inc", -1, &inc);
  bson_append_int64(&inc, "stock", -1, by);
  bson_append_document_end(update.get(), &inc);
  if (set_path != nullptr) {
    bson_t set;
    bson_t hold;
    bson_append_document_begin(update.get(), "$set", -1, &set);
    bson_append_document_begin(&set, set_path->c_str(), -1, &hold);
    bson_append_int64(&hold, "quantity", -1, quantity);
    bson_append_date_time(&hold, "taken_at", -1, clock::now_ms());
    bson_append_document_end(&set, &hold);
    bson_append_document_end(update.get(), &set);
  }
  return update;
}

// Forgets a hold; the last one takes the whole sub-document with it, so only books with holds
// carry the field and the sweeper's query stays small.
void append_unset_hold(bson_t* update, const std::string& path, bool last) {
  bson_t unset;
  bson_append_document_begin(update, "$unset", -1, &unset);
  bson_append_utf8(&unset, last ? kStockHolds : path.c_str(), -1, "", 0);
  bson_append_document_end(update, &unset);
}

void update_book(mongoc_collection_t* books, const bson_t* filter, const bson_t* update,
                 const char* operation) {
  bson_error_t error;
  if (!mongoc_collection_update_one(books, filter, update, nullptr, nullptr, &error)) {
    throw_driver_error(error, operation);
  }
}

}  // namespace

StockReservation MongoBookRepository::hold_stock(const std::string& id, const std::string& order_id,
                                                 std::int64_t quantity) {
  if (quantity <= 0) throw std::invalid_argument("hold_stock needs a positive quantity");
  const auto path = hold_path(order_id);
  const auto oid = parse_oid(id);
  if (!oid) return StockReservation::missing;
  return run("books.hold_stock", [&](PooledClient& client) {
    auto books_coll = books(client);
    auto locks_coll = locks(client);
    BookLock lock(locks_coll.get(), *oid, lock_wait_);
    // One conditional update: the server checks and decrements together, so concurrent orders
    // can never take the stock below zero (on FerretDB, together with the lock).
    Bson filter = hold_filter(*oid, quantity, path);
    Bson update = stock_update(-quantity, &path, quantity);
    Reply reply;
    bson_error_t error;
    if (!mongoc_collection_update_one(books_coll.get(), filter.get(), update.get(), nullptr,
                                      reply.out(), &error)) {
      throw_driver_error(error, "books.hold_stock");
    }
    if (matched_count(reply.get()) == 1) return StockReservation::reserved;
    // Nothing matched: this order's earlier attempt holds the copies already, or the book is
    // missing, without stock, or short of it.
    const auto doc = find_book_document(books_coll.get(), *oid, "books.find");
    if (!doc) return StockReservation::missing;
    if (held_copies(doc->get(), path)) return StockReservation::reserved;
    if (!book_from_document(doc->get()).stock()) return StockReservation::unlimited;
    return StockReservation::insufficient;
  });
}

void MongoBookRepository::release_hold(const std::string& id, const std::string& order_id) {
  end_hold(id, order_id, true, "books.release_hold");
}

void MongoBookRepository::settle_hold(const std::string& id, const std::string& order_id) {
  end_hold(id, order_id, false, "books.settle_hold");
}

// Forgets the order's hold on the book, giving its copies back first when `give_back`. Under the
// book's lock: the hold read is the hold changed.
void MongoBookRepository::end_hold(const std::string& id, const std::string& order_id,
                                   bool give_back, const char* operation) {
  const auto path = hold_path(order_id);
  const auto oid = parse_oid(id);
  if (!oid) return;
  run(operation, [&](PooledClient& client) {
    auto books_coll = books(client);
    auto locks_coll = locks(client);
    BookLock lock(locks_coll.get(), *oid, lock_wait_);
    const auto doc = find_book_document(books_coll.get(), *oid, "books.find");
    if (!doc) return;
    const auto held = held_copies(doc->get(), path);
    if (!held) return;
    Bson filter = id_filter(*oid);
    Bson update;
    // A book whose stock was removed meanwhile became unlimited: nothing to give back to.
    if (give_back && book_from_document(doc->get()).stock()) {
      update = stock_update(held->quantity, nullptr, 0);
    }
    append_unset_hold(update.get(), path, held->last);
    update_book(books_coll.get(), filter.get(), update.get(), operation);
  });
}

std::vector<StockHoldEntry> MongoBookRepository::holds_taken_before(clock::Millis taken_before,
                                                                    int limit) {
  return run("books.holds", [&](PooledClient& client) {
    auto books_coll = books(client);
    Bson filter;
    bson_t exists;
    bson_append_document_begin(filter.get(), kStockHolds, -1, &exists);
    bson_append_bool(&exists, "$exists", -1, true);
    bson_append_document_end(filter.get(), &exists);
    Bson opts;
    bson_t projection;
    bson_append_document_begin(opts.get(), "projection", -1, &projection);
    bson_append_int32(&projection, kStockHolds, -1, 1);
    bson_append_document_end(opts.get(), &projection);
    Cursor cursor(
        mongoc_collection_find_with_opts(books_coll.get(), filter.get(), opts.get(), nullptr));
    std::vector<StockHoldEntry> found;
    const bson_t* doc = nullptr;
    while (static_cast<int>(found.size()) < limit && mongoc_cursor_next(cursor.get(), &doc)) {
      bson_iter_t iter;
      bson_iter_t holds;
      if (!bson_iter_init_find(&iter, doc, "_id") || !BSON_ITER_HOLDS_OID(&iter)) continue;
      const std::string book_id = oid_hex(*bson_iter_oid(&iter));
      if (!bson_iter_init_find(&iter, doc, kStockHolds) || !bson_iter_recurse(&iter, &holds)) {
        continue;
      }
      while (static_cast<int>(found.size()) < limit && bson_iter_next(&holds)) {
        StockHoldEntry entry{book_id, bson_iter_key(&holds), 0, 0};
        bson_iter_t field;
        if (!BSON_ITER_HOLDS_DOCUMENT(&holds) || !bson_iter_recurse(&holds, &field)) continue;
        while (bson_iter_next(&field)) {
          const std::string_view key = bson_iter_key(&field);
          if (key == "quantity" && BSON_ITER_HOLDS_NUMBER(&field)) {
            entry.quantity = bson_iter_as_int64(&field);
          } else if (key == "taken_at" && BSON_ITER_HOLDS_DATE_TIME(&field)) {
            entry.taken_at = bson_iter_date_time(&field);
          }
        }
        if (entry.taken_at < taken_before) found.push_back(std::move(entry));
      }
    }
    bson_error_t error;
    if (mongoc_cursor_error(cursor.get(), &error)) throw_driver_error(error, "books.holds");
    return found;
  });
}

void MongoBookRepository::release_stock(const std::string& id, std::int64_t quantity) {
  if (quantity <= 0) throw std::invalid_argument("release_stock needs a positive quantity");
  const auto oid = parse_oid(id);
  if (!oid) return;
  run("books.release_stock", [&](PooledClient& client) {
    auto books_coll = books(client);
    auto locks_coll = locks(client);
    BookLock lock(locks_coll.get(), *oid, lock_wait_);
    // Only where a stock field exists: giving back to an unlimited book must not start a count.
    Bson filter = id_filter(*oid);
    bson_t exists;
    bson_append_document_begin(filter.get(), "stock", -1, &exists);
    bson_append_bool(&exists, "$exists", -1, true);
    bson_append_document_end(filter.get(), &exists);
    Bson update = stock_update(quantity, nullptr, 0);
    update_book(books_coll.get(), filter.get(), update.get(), "books.release_stock");
  });
}

}  // namespace ld::mongo
