// The books list on MongoDB alone, which S2 answers with only until the book index in PostgreSQL
// is complete (domain/books/indexed_book_repository.hpp): the collection read in _id order, each
// book checked against the filter by S2 (matches(), domain/books/book_filter.hpp), until the page
// is full. Only `language`, an exact tag, is left to the server: q, author and category compare
// case- and accent-folded text, which no server folds as S2 does, and which books therefore do not
// carry (one copy less to write with every stock change). No user text ever reaches the server
// as a pattern or an operator.
#pragma once

#include <chrono>
#include <optional>

#include <bson/bson.h>
#include <mongoc/mongoc.h>

#include "domain/books/book.hpp"
#include "domain/shared/page.hpp"

namespace ld::mongo {

// Up to `limit` books that match `filter`, after the book `after`, in _id order; `next` is set
// when more follow. Each batch the server reads is bounded by `max_time`. Throws like the
// driver's calls (mongo_errors.hpp), naming `operation`.
Page<Book> list_by_scan(mongoc_collection_t* books, const BookFilter& filter,
                        const std::optional<bson_oid_t>& after, int limit,
                        std::chrono::milliseconds max_time, const char* operation);

}  // namespace ld::mongo
