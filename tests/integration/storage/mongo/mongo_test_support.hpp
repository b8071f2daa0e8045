// What the MongoDB tests share: a store on the test database (books and book_keys dropped once
// per test program), unique ISBNs and volume ids per run, and raw reads of what was stored.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/metrics.hpp"
#include "domain/books/book.hpp"
#include "storage/mongo/bson_doc.hpp"
#include "storage/mongo/mongo_pool.hpp"
#include "storage/mongo/mongo_store.hpp"

namespace ld::test {

Metrics& test_metrics();
MongoSettings test_mongo_settings();
// One store for the whole test program; the first call drops the books collections.
MongoStore& test_store();
// A second store on the same database that takes a book's lock document for every write, as on a
// server whose updates are not atomic (storage/mongo/book_writes.hpp).
MongoStore& locking_test_store();

// Valid identifiers no other run has used.
std::string unique_isbn13();
std::string unique_isbn10();
std::string unique_token();  // also used as a volume id and to fence off a test's books

// A new book's fields with a unique title token in `category`, so list tests see only their own.
Book new_book(const std::string& title, const std::string& category);

// A pool on the test database that goes around the store, for reading and writing raw.
mongo::MongoPool& raw_pool();

// The document as stored in a collection, by _id (an ObjectId for books, text for book_keys).
std::optional<mongo::Bson> raw_book(const std::string& id);
std::optional<mongo::Bson> raw_key(const std::string& key_id);
// Takes `field` (a dotted path) out of the stored book, as a book from before it existed.
bool remove_raw_book_field(const std::string& id, const char* field);
// Empties the `migrations` collection, as in a database no S2 of this version has started on.
bool forget_raw_migrations();
bool insert_raw_key(const std::string& key_id, const std::string& book_hex, std::int64_t at_ms);

}  // namespace ld::test
