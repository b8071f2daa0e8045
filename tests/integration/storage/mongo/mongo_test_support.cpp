#include "integration/storage/mongo/mongo_test_support.hpp"

#include <atomic>
#include <random>

#include <fmt/format.h>

#include "domain/books/book_input.hpp"
#include "storage/mongo/book_document.hpp"
#include "storage/mongo/book_lookup.hpp"
#include "storage/mongo/mongo_pool.hpp"
#include "support/test_env.hpp"

namespace ld::test {

namespace {

std::mt19937_64& rng() {
  static std::mt19937_64 engine{std::random_device{}()};
  return engine;
}

std::optional<mongo::Bson> find_raw(const char* collection, mongo::Bson filter) {
  auto client = raw_pool().acquire();
  auto coll = client.collection(mongo_db(), collection);
  mongo::Cursor cursor(
      mongoc_collection_find_with_opts(coll.get(), filter.get(), nullptr, nullptr));
  const bson_t* doc = nullptr;
  if (!mongoc_cursor_next(cursor.get(), &doc)) return std::nullopt;
  return mongo::Bson::copy_of(doc);
}

}  // namespace

mongo::MongoPool& raw_pool() {
  static mongo::MongoPool pool(mongo_url(), 4, std::chrono::milliseconds(3000), test_metrics());
  return pool;
}

Metrics& test_metrics() {
  static Metrics metrics;
  return metrics;
}

MongoSettings test_mongo_settings() {
  MongoSettings settings;
  settings.url = mongo_url();
  settings.database = mongo_db();
  settings.pool_size = 8;
  // Generous: the concurrency tests queue many writers on one book, and the machines that run
  // the suite are often busy. The recovery tests make their own stores with short timeouts.
  settings.timeout = std::chrono::milliseconds(5000);
  return settings;
}

MongoStore& test_store() {
  static MongoStore& store = []() -> MongoStore& {
    {
      auto client = raw_pool().acquire();
      for (const char* name : {"books", "book_keys"}) {
        auto coll = client.collection(mongo_db(), name);
        bson_error_t error;
        mongoc_collection_drop(coll.get(), &error);  // fails harmlessly when it does not exist
      }
    }
    static MongoStore instance(test_mongo_settings(), test_metrics());
    instance.ensure_indexes();
    return instance;
  }();
  return store;
}

MongoStore& locking_test_store() {
  static MongoStore& store = []() -> MongoStore& {
    test_store();  // drops the collections first, once
    auto settings = test_mongo_settings();
    settings.lock_book_writes = true;
    static MongoStore instance(settings, test_metrics());
    instance.ensure_indexes();
    return instance;
  }();
  return store;
}

std::string unique_isbn13() {
  std::string digits = fmt::format("978{:09}", rng()() % 1'000'000'000);
  int sum = 0;
  for (std::size_t i = 0; i < 12; ++i) sum += (digits[i] - '0') * (i % 2 == 0 ? 1 : 3);
  return digits + std::to_string((10 - sum % 10) % 10);
}

std::string unique_isbn10() {
  std::string digits = fmt::format("{:09}", rng()() % 1'000'000'000);
  int sum = 0;
  for (std::size_t i = 0; i < 9; ++i) sum += (digits[i] - '0') * static_cast<int>(10 - i);
  const int check = (11 - sum % 11) % 11;
  return digits + (check == 10 ? std::string("X") : std::to_string(check));
}

std::string unique_token() {
  return fmt::format("t{:016x}", rng()());
}

Book new_book(const std::string& title, const std::string& category) {
  return books::read_new_book({{"title", title}, {"categories", {category}}});
}

std::optional<mongo::Bson> raw_book(const std::string& id) {
  const auto oid = mongo::parse_oid(id);
  if (!oid) return std::nullopt;
  return find_raw("books", mongo::id_filter(*oid));
}

std::optional<mongo::Bson> raw_key(const std::string& key_id) {
  mongo::Bson filter;
  bson_append_utf8(filter.get(), "_id", -1, key_id.c_str(), -1);
  return find_raw("book_keys", std::move(filter));
}

bool remove_raw_book_field(const std::string& id, const char* field) {
  const auto oid = mongo::parse_oid(id);
  if (!oid) return false;
  auto client = raw_pool().acquire();
  auto coll = client.collection(mongo_db(), "books");
  mongo::Bson update;
  bson_t unset;
  bson_append_document_begin(update.get(), "$unset", -1, &unset);
  bson_append_utf8(&unset, field, -1, "", 0);
  bson_append_document_end(update.get(), &unset);
  bson_t inc;  // as every writer of the books (storage/mongo/book_writes.hpp)
  bson_append_document_begin(update.get(), "$inc", -1, &inc);
  bson_append_int64(&inc, mongo::kRevision, -1, 1);
  bson_append_document_end(update.get(), &inc);
  bson_error_t error;
  return mongoc_collection_update_one(coll.get(), mongo::id_filter(*oid).get(), update.get(),
                                      nullptr, nullptr, &error);
}

bool forget_raw_migrations() {
  auto client = raw_pool().acquire();
  auto coll = client.collection(mongo_db(), "migrations");
  const mongo::Bson all;
  bson_error_t error;
  return mongoc_collection_delete_many(coll.get(), all.get(), nullptr, nullptr, &error);
}

bool insert_raw_key(const std::string& key_id, const std::string& book_hex, std::int64_t at_ms) {
  auto client = raw_pool().acquire();
  auto coll = client.collection(mongo_db(), "book_keys");
  mongo::Bson doc;
  bson_append_utf8(doc.get(), "_id", -1, key_id.c_str(), -1);
  const auto oid = mongo::parse_oid(book_hex);
  bson_append_oid(doc.get(), "book", -1, &*oid);
  bson_append_date_time(doc.get(), "at", -1, at_ms);
  bson_error_t error;
  return mongoc_collection_insert_one(coll.get(), doc.get(), nullptr, nullptr, &error);
}

}  // namespace ld::test
