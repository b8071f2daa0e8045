// The books repository's upkeep: the book count, the indexes the list filters use and the
// search grams of books stored before them.
#include "storage/mongo/book_document.hpp"
#include "storage/mongo/book_lookup.hpp"
#include "storage/mongo/mongo_book_repository.hpp"
#include "storage/mongo/mongo_errors.hpp"
#include "storage/mongo/search_backfill.hpp"

namespace ld::mongo {

namespace {

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

// The count from the collection's statistics (collStats), which no server computes by reading
// the books: /stats must answer quickly whatever the catalog's size, and FerretDB answers a
// count by reading every document. On FerretDB's PostgreSQL backend it is the planner's
// estimate, refreshed by autovacuum; a table too new to have one is counted exactly (it is small).
std::int64_t MongoBookRepository::count() {
  return run("books.count", [&](PooledClient& client) {
    auto books_coll = books(client);
    Bson command;
    bson_append_utf8(command.get(), "collStats", -1, "books", -1);
    Reply reply;
    bson_error_t error;
    bson_iter_t estimate;
    if (mongoc_collection_read_command_with_opts(books_coll.get(), command.get(), nullptr, nullptr,
                                                 reply.out(), &error) &&
        bson_iter_init_find(&estimate, reply.get(), "count") && BSON_ITER_HOLDS_NUMBER(&estimate) &&
        bson_iter_as_int64(&estimate) > 0) {
      return bson_iter_as_int64(&estimate);
    }
    Bson all;
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
        {"search_grams", kSearchGrams},
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
    backfill_search_grams(books_coll.get());
  });
}

}  // namespace ld::mongo
