#include "storage/mongo/stock_pending_backfill.hpp"

#include "core/clock.hpp"
#include "storage/mongo/book_document.hpp"
#include "storage/mongo/book_lookup.hpp"
#include "storage/mongo/bson_doc.hpp"
#include "storage/mongo/mongo_errors.hpp"

namespace ld::mongo {

namespace {

// {key: {field: {$exists: exists}}}, an element of an $or.
void append_clause_exists(bson_t* parent, const char* key, const char* field, bool exists) {
  bson_t clause;
  bson_append_document_begin(parent, key, -1, &clause);
  append_exists(&clause, field, exists);
  bson_append_document_end(parent, &clause);
}

constexpr const char* kMigration = "stock_pending_marker";

}  // namespace

// {stock_pending: {$exists: false}, $or: [{stock_holds: {$exists: true}},
//                                          {stock_returns: {$exists: true}}]}
// A book whose last entry another S2 forgets meanwhile may keep a marker it no longer needs: the
// sweeper then reads one book more, never misses one.
std::int64_t backfill_stock_pending(mongoc_collection_t* books) {
  Bson filter;
  append_exists(filter.get(), kStockPending, false);
  bson_t any_entry;
  bson_append_array_begin(filter.get(), "$or", -1, &any_entry);
  append_clause_exists(&any_entry, "0", kStockHolds, true);
  append_clause_exists(&any_entry, "1", kStockReturns, true);
  bson_append_array_end(filter.get(), &any_entry);

  Bson update;
  bson_t set;
  bson_append_document_begin(update.get(), "$set", -1, &set);
  bson_append_bool(&set, kStockPending, -1, true);
  bson_append_document_end(update.get(), &set);
  bson_t inc;
  bson_append_document_begin(update.get(), "$inc", -1, &inc);
  bson_append_int64(&inc, kRevision, -1, 1);  // book_writes.hpp
  bson_append_document_end(update.get(), &inc);

  Reply reply;
  bson_error_t error;
  if (!mongoc_collection_update_many(books, filter.get(), update.get(), nullptr, reply.out(),
                                     &error)) {
    throw_driver_error(error, "books.backfill_stock_pending");
  }
  bson_iter_t modified;
  return bson_iter_init_find(&modified, reply.get(), "modifiedCount") &&
                 BSON_ITER_HOLDS_NUMBER(&modified)
             ? bson_iter_as_int64(&modified)
             : 0;
}

bool stock_pending_backfilled(mongoc_collection_t* migrations) {
  Bson filter;
  bson_append_utf8(filter.get(), "_id", -1, kMigration, -1);
  bson_error_t error;
  const auto n = mongoc_collection_count_documents(migrations, filter.get(), nullptr, nullptr,
                                                   nullptr, &error);
  if (n < 0) throw_driver_error(error, "migrations.find");
  return n > 0;
}

void record_stock_pending_backfilled(mongoc_collection_t* migrations) {
  Bson doc;
  bson_append_utf8(doc.get(), "_id", -1, kMigration, -1);
  bson_append_date_time(doc.get(), "at", -1, clock::now_ms());
  bson_error_t error;
  // Another S2 that finished it too already recorded it: that is the same fact.
  if (!mongoc_collection_insert_one(migrations, doc.get(), nullptr, nullptr, &error) &&
      !is_duplicate_key(error)) {
    throw_driver_error(error, "migrations.insert");
  }
}

}  // namespace ld::mongo
