// The books repository's counters and upkeep: stock reservations (atomic conditional updates),
// the book count, and the indexes the list filters use.
#include <stdexcept>

#include "storage/mongo/book_lock.hpp"
#include "storage/mongo/book_lookup.hpp"
#include "storage/mongo/mongo_book_repository.hpp"
#include "storage/mongo/mongo_errors.hpp"

namespace ld::mongo {

namespace {

Bson increment_stock(std::int64_t by) {
  Bson update;
  bson_t inc;
  bson_append_document_begin(update.get(), "$inc", -1, &inc);
  bson_append_int64(&inc, "stock", -1, by);
  bson_append_document_end(update.get(), &inc);
  return update;
}

// {_id: oid, stock: {<op>: value}}
Bson stock_filter(const bson_oid_t& oid, const char* op, std::int64_t value) {
  Bson filter = id_filter(oid);
  bson_t condition;
  bson_append_document_begin(filter.get(), "stock", -1, &condition);
  if (std::string_view(op) == "$exists") {
    bson_append_bool(&condition, op, -1, true);
  } else {
    bson_append_int64(&condition, op, -1, value);
  }
  bson_append_document_end(filter.get(), &condition);
  return filter;
}

void add_index(bson_t* indexes, const char* index, const char* name, const char* field) {
  bson_t spec;
  bson_t key;
  bson_append_document_begin(indexes, index, -1, &spec);
  bson_append_document_begin(&spec, "key", -1, &key);
  bson_append_int32(&key, field, -1, 1);
  bson_append_document_end(&spec, &key);
  bson_append_utf8(&spec, "name", -1, name, -1);
  bson_append_document_end(indexes, &spec);
}

}  // namespace

StockReservation MongoBookRepository::reserve_stock(const std::string& id, std::int64_t quantity) {
  if (quantity <= 0) throw std::invalid_argument("reserve_stock needs a positive quantity");
  const auto oid = parse_oid(id);
  if (!oid) return StockReservation::missing;
  return run("books.reserve_stock", [&](PooledClient& client) {
    auto books_coll = books(client);
    auto locks_coll = locks(client);
    BookLock lock(locks_coll.get(), *oid, lock_wait_);
    // One conditional update: the server checks and decrements together, so concurrent orders
    // can never take the stock below zero (on FerretDB, together with the lock).
    Bson filter = stock_filter(*oid, "$gte", quantity);
    Bson update = increment_stock(-quantity);
    Reply reply;
    bson_error_t error;
    if (!mongoc_collection_update_one(books_coll.get(), filter.get(), update.get(), nullptr,
                                      reply.out(), &error)) {
      throw_driver_error(error, "books.reserve_stock");
    }
    if (matched_count(reply.get()) == 1) return StockReservation::reserved;
    // Nothing matched: tell apart a missing book, one without stock and one short of it.
    const auto book = find_book(books_coll.get(), *oid, "books.find");
    if (!book) return StockReservation::missing;
    if (!book->stock()) return StockReservation::unlimited;
    return StockReservation::insufficient;
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
    Bson filter = stock_filter(*oid, "$exists", 0);
    Bson update = increment_stock(quantity);
    bson_error_t error;
    if (!mongoc_collection_update_one(books_coll.get(), filter.get(), update.get(), nullptr,
                                      nullptr, &error)) {
      throw_driver_error(error, "books.release_stock");
    }
  });
}

std::int64_t MongoBookRepository::count() {
  return run("books.count", [&](PooledClient& client) {
    auto books_coll = books(client);
    Bson all;
    bson_error_t error;
    const auto n = mongoc_collection_count_documents(books_coll.get(), all.get(), nullptr, nullptr,
                                                     nullptr, &error);
    if (n < 0) throw_driver_error(error, "books.count");
    return n;
  });
}

void MongoBookRepository::ensure_indexes() {
  run("books.ensure_indexes", [&](PooledClient& client) {
    auto books_coll = books(client);
    // One index per command: FerretDB 1.24 fails a createIndexes that names several indexes
    // which all exist already, and this runs at every start.
    const std::pair<const char*, const char*> indexes[] = {
        {"search_authors", "search.authors"},
        {"search_categories", "search.categories"},
        {"language", "language"},
    };
    for (const auto& [name, field] : indexes) {
      Bson command;
      bson_append_utf8(command.get(), "createIndexes", -1, "books", -1);
      bson_t list;
      bson_append_array_begin(command.get(), "indexes", -1, &list);
      add_index(&list, "0", name, field);
      bson_append_array_end(command.get(), &list);
      bson_error_t error;
      if (!mongoc_collection_write_command_with_opts(books_coll.get(), command.get(), nullptr,
                                                     nullptr, &error)) {
        throw_driver_error(error, "books.ensure_indexes");
      }
    }
  });
}

}  // namespace ld::mongo
