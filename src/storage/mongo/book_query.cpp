#include "storage/mongo/book_query.hpp"

#include "domain/books/book_filter.hpp"
#include "domain/books/book_json.hpp"
#include "storage/mongo/book_document.hpp"
#include "storage/mongo/book_lookup.hpp"
#include "storage/mongo/bson_doc.hpp"
#include "storage/mongo/mongo_errors.hpp"
#include "storage/mongo/mongo_pool.hpp"

namespace ld::mongo {

namespace {

using Clock = std::chrono::steady_clock;

// A batch small enough that a page found early reads little more than it needs.
constexpr std::int32_t kBatch = 100;

Bson scan_filter(const BookFilter& filter, const std::optional<bson_oid_t>& after) {
  Bson doc;
  if (filter.language) {
    bson_append_utf8(doc.get(), "language", -1, filter.language->data(),
                     static_cast<int>(filter.language->size()));
  }
  if (after) {
    bson_t condition;
    bson_append_document_begin(doc.get(), "_id", -1, &condition);
    bson_append_oid(&condition, "$gt", -1, &*after);
    bson_append_document_end(doc.get(), &condition);
  }
  return doc;
}

}  // namespace

Page<Book> list_by_scan(mongoc_collection_t* books, const BookFilter& filter,
                        const std::optional<bson_oid_t>& after, int limit,
                        std::chrono::milliseconds max_time, const char* operation) {
  const Bson query = scan_filter(filter, after);
  Bson opts;
  bson_t sort;
  bson_append_document_begin(opts.get(), "sort", -1, &sort);
  bson_append_int32(&sort, "_id", -1, 1);
  bson_append_document_end(opts.get(), &sort);
  bson_append_int32(opts.get(), "batchSize", -1, kBatch);
  limit_server_time(opts.get(), max_time);
  Cursor cursor(mongoc_collection_find_with_opts(books, query.get(), opts.get(), nullptr));
  // The server bounds each of its reads; this bounds the whole scan, which S2 filters itself.
  const auto deadline = Clock::now() + max_time;
  Page<Book> page;
  const bson_t* doc = nullptr;
  bool more = false;
  while (mongoc_cursor_next(cursor.get(), &doc)) {
    if (Clock::now() > deadline) {
      throw StoreUnavailable("mongodb", std::string(operation) + ": the scan ran out of time");
    }
    Book book = book_from_document(doc);
    if (!matches(book, filter)) continue;
    // One match more than asked tells that another page follows.
    if (static_cast<int>(page.items.size()) == limit) {
      more = true;
      break;
    }
    page.items.push_back(std::move(book));
  }
  bson_error_t error;
  if (mongoc_cursor_error(cursor.get(), &error)) throw_driver_error(error, operation);
  if (more) page.next = books::position_of(page.items.back());
  return page;
}

}  // namespace ld::mongo
