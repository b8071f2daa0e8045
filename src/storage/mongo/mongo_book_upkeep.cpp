// The books repository's upkeep: the book count and the indexes the list filters use.
#include "storage/mongo/book_lookup.hpp"
#include "storage/mongo/mongo_book_repository.hpp"
#include "storage/mongo/mongo_errors.hpp"

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
