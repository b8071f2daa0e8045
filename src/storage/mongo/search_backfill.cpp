#include "storage/mongo/search_backfill.hpp"

#include "storage/mongo/book_document.hpp"
#include "storage/mongo/bson_doc.hpp"
#include "storage/mongo/bson_json.hpp"
#include "storage/mongo/mongo_errors.hpp"
#include "storage/mongo/mongo_pool.hpp"

namespace ld::mongo {

namespace {

constexpr const char* kOperation = "books.backfill_search_grams";

Bson missing_grams() {
  Bson filter;
  bson_t condition;
  bson_append_document_begin(filter.get(), kSearchGrams, -1, &condition);
  bson_append_bool(&condition, "$exists", -1, false);
  bson_append_document_end(filter.get(), &condition);
  return filter;
}

bool give_grams(mongoc_collection_t* books, const bson_t* doc) {
  bson_iter_t id;
  bson_iter_t updated_at;
  if (!bson_iter_init_find(&id, doc, "_id")) return false;
  Bson filter = missing_grams();
  bson_append_iter(filter.get(), "_id", -1, &id);
  if (bson_iter_init_find(&updated_at, doc, "updated_at")) {
    bson_append_iter(filter.get(), "updated_at", -1, &updated_at);
  }
  Bson update;
  bson_t set;
  bson_append_document_begin(update.get(), "$set", -1, &set);
  const Book book = book_from_document(doc);
  append_json(&set, "search", search_fields(book));
  append_json(&set, kSearchGrams, search_grams_of(book));
  bson_append_document_end(update.get(), &set);
  bson_error_t error;
  Reply reply;
  if (!mongoc_collection_update_one(books, filter.get(), update.get(), nullptr, reply.out(),
                                    &error)) {
    throw_driver_error(error, kOperation);
  }
  bson_iter_t modified;
  return bson_iter_init_find(&modified, reply.get(), "modifiedCount") &&
         bson_iter_as_int64(&modified) > 0;
}

}  // namespace

std::int64_t backfill_search_grams(mongoc_collection_t* books) {
  std::int64_t given = 0;
  Bson filter = missing_grams();
  Cursor cursor(mongoc_collection_find_with_opts(books, filter.get(), nullptr, nullptr));
  const bson_t* doc = nullptr;
  while (mongoc_cursor_next(cursor.get(), &doc)) {
    if (give_grams(books, doc)) ++given;
  }
  bson_error_t error;
  if (mongoc_cursor_error(cursor.get(), &error)) throw_driver_error(error, kOperation);
  return given;
}

}  // namespace ld::mongo
