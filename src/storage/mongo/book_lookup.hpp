// Small reads and filters the books repository and the stock ledger share.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include <mongoc/mongoc.h>

#include "domain/books/book.hpp"
#include "storage/mongo/bson_doc.hpp"
#include "storage/mongo/mongo_pool.hpp"

namespace ld::mongo {

// The collections of the books store in `database`: the books, their unique keys
// (book_keys.hpp) and their write locks (book_lock.hpp).
Collection book_collection(const PooledClient& client, const std::string& database);
Collection key_collection(const PooledClient& client, const std::string& database);
inline constexpr const char* kBookLocks = "book_locks";
Collection lock_collection(const PooledClient& client, const std::string& database);

// The ObjectId in 24 hex digits; nullopt for anything else.
std::optional<bson_oid_t> parse_oid(const std::string& hex);
std::string oid_hex(const bson_oid_t& oid);

// {_id: oid}
Bson id_filter(const bson_oid_t& oid);
// Adds {<field>: {$exists: <exists>}} to a filter. (No FerretDB index serves it: alone, it
// reads every document.)
void append_exists(bson_t* filter, const char* field, bool exists);

enum class Unique { no, yes };
// Creates the index `name` on `field` of `collection` (nothing when it exists), one index per
// command: FerretDB 1.24 fails a createIndexes that names several indexes which all exist
// already, and this runs at every start. Throws StoreUnavailable as `operation`.
void create_index(mongoc_collection_t* collection, const char* name, const char* field,
                  Unique unique, const char* operation);
// Drops the index `name` of `collection`, if it has one. Throws StoreUnavailable as `operation`.
void drop_index(mongoc_collection_t* collection, const char* name, const char* operation);

// Adds maxTimeMS to a read's options: the server stops working on a read S2 has given up on
// (the driver's socket timeout only frees S2's side), so it costs the store no more than that.
void limit_server_time(bson_t* opts, std::chrono::milliseconds max_time);

// The stored document of the book with this id, if any, read within `max_time` on the server.
// Driver errors throw (mongo_errors.hpp).
std::optional<Bson> find_book_document(mongoc_collection_t* books, const bson_oid_t& oid,
                                       const char* operation, std::chrono::milliseconds max_time);
// The book with this id, if any. Driver errors throw (mongo_errors.hpp).
std::optional<Book> find_book(mongoc_collection_t* books, const bson_oid_t& oid,
                              const char* operation, std::chrono::milliseconds max_time);

// findAndModify of the document `filter` picks, as `opts` says (update or remove, which version to
// answer with); the document it answers with, nullopt when none matched. Driver errors throw
// (mongo_errors.hpp) as `operation`.
std::optional<Bson> find_and_modify(mongoc_collection_t* collection, const bson_t* filter,
                                    const mongoc_find_and_modify_opts_t* opts,
                                    const char* operation);

// "matchedCount" of an update's reply.
std::int64_t matched_count(const bson_t* reply);

}  // namespace ld::mongo
