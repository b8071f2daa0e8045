#include "storage/mongo/book_lookup.hpp"

#include "storage/mongo/book_document.hpp"
#include "storage/mongo/mongo_errors.hpp"
#include "storage/mongo/mongo_pool.hpp"

namespace ld::mongo {

Collection book_collection(const PooledClient& client, const std::string& database) {
  return client.collection(database, "books");
}

Collection key_collection(const PooledClient& client, const std::string& database) {
  return client.collection(database, "book_keys");
}

Collection lock_collection(const PooledClient& client, const std::string& database) {
  return client.collection(database, kBookLocks);
}

std::optional<bson_oid_t> parse_oid(const std::string& hex) {
  if (!bson_oid_is_valid(hex.c_str(), hex.size()) || hex.size() != 24) return std::nullopt;
  bson_oid_t oid;
  bson_oid_init_from_string(&oid, hex.c_str());
  return oid;
}

std::string oid_hex(const bson_oid_t& oid) {
  char hex[25];
  bson_oid_to_string(&oid, hex);
  return hex;
}

Bson id_filter(const bson_oid_t& oid) {
  Bson doc;
  bson_append_oid(doc.get(), "_id", -1, &oid);
  return doc;
}

void append_exists(bson_t* filter, const char* field, bool exists) {
  bson_t condition;
  bson_append_document_begin(filter, field, -1, &condition);
  bson_append_bool(&condition, "$exists", -1, exists);
  bson_append_document_end(filter, &condition);
}

void create_index(mongoc_collection_t* collection, const char* name, const char* field,
                  Unique unique, const char* operation) {
  Bson command;
  bson_append_utf8(command.get(), "createIndexes", -1, mongoc_collection_get_name(collection), -1);
  bson_t list;
  bson_t spec;
  bson_t key;
  bson_append_array_begin(command.get(), "indexes", -1, &list);
  bson_append_document_begin(&list, "0", -1, &spec);
  bson_append_document_begin(&spec, "key", -1, &key);
  bson_append_int32(&key, field, -1, 1);
  bson_append_document_end(&spec, &key);
  bson_append_utf8(&spec, "name", -1, name, -1);
  if (unique == Unique::yes) bson_append_bool(&spec, "unique", -1, true);
  bson_append_document_end(&list, &spec);
  bson_append_array_end(command.get(), &list);
  bson_error_t error;
  if (!mongoc_collection_write_command_with_opts(collection, command.get(), nullptr, nullptr,
                                                 &error)) {
    throw_driver_error(error, operation);
  }
}

void drop_index(mongoc_collection_t* collection, const char* name, const char* operation) {
  constexpr std::uint32_t kIndexNotFound = 27;
  Bson command;
  bson_append_utf8(command.get(), "dropIndexes", -1, mongoc_collection_get_name(collection), -1);
  bson_append_utf8(command.get(), "index", -1, name, -1);
  bson_error_t error;
  if (!mongoc_collection_write_command_with_opts(collection, command.get(), nullptr, nullptr,
                                                 &error) &&
      error.code != kIndexNotFound) {
    throw_driver_error(error, operation);
  }
}

void limit_server_time(bson_t* opts, std::chrono::milliseconds max_time) {
  bson_append_int64(opts, "maxTimeMS", -1, max_time.count());
}

std::optional<Bson> find_book_document(mongoc_collection_t* books, const bson_oid_t& oid,
                                       const char* operation, std::chrono::milliseconds max_time) {
  Bson filter = id_filter(oid);
  Bson opts;
  bson_append_int64(opts.get(), "limit", -1, 1);
  limit_server_time(opts.get(), max_time);
  Cursor cursor(mongoc_collection_find_with_opts(books, filter.get(), opts.get(), nullptr));
  const bson_t* doc = nullptr;
  std::optional<Bson> found;
  if (mongoc_cursor_next(cursor.get(), &doc)) found = Bson::copy_of(doc);
  bson_error_t error;
  if (mongoc_cursor_error(cursor.get(), &error)) throw_driver_error(error, operation);
  return found;
}

std::optional<Bson> find_and_modify(mongoc_collection_t* collection, const bson_t* filter,
                                    const mongoc_find_and_modify_opts_t* opts,
                                    const char* operation) {
  Reply reply;
  bson_error_t error;
  if (!mongoc_collection_find_and_modify_with_opts(collection, filter, opts, reply.out(), &error)) {
    throw_driver_error(error, operation);
  }
  bson_iter_t value;
  if (!bson_iter_init_find(&value, reply.get(), "value") || !BSON_ITER_HOLDS_DOCUMENT(&value)) {
    return std::nullopt;
  }
  std::uint32_t length = 0;
  const std::uint8_t* data = nullptr;
  bson_iter_document(&value, &length, &data);
  bson_t answered;
  if (!bson_init_static(&answered, data, length)) {
    throw Error(ErrorKind::internal, "The book store could not complete the operation.", {},
                std::string(operation) + ": the server answered with a malformed document");
  }
  return Bson::copy_of(&answered);
}

std::optional<Book> find_book(mongoc_collection_t* books, const bson_oid_t& oid,
                              const char* operation, std::chrono::milliseconds max_time) {
  const auto doc = find_book_document(books, oid, operation, max_time);
  if (!doc) return std::nullopt;
  return book_from_document(doc->get());
}

std::int64_t matched_count(const bson_t* reply) {
  bson_iter_t iter;
  if (bson_iter_init_find(&iter, reply, "matchedCount") && BSON_ITER_HOLDS_NUMBER(&iter)) {
    return bson_iter_as_int64(&iter);
  }
  return 0;
}

}  // namespace ld::mongo
