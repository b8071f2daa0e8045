// A book as the books collection keeps it:
//   { _id: ObjectId, title, subtitle, authors, ..., page_count: int64, stock: int64,
//     price: { amount_cents: int64, currency }, extra: { <every other field, as given> },
//     created_at: Date, updated_at: Date,
//     stock_holds: { <order id>: { quantity: int64, taken_at: Date } },   (only while any)
//     stock_returns: { <order id>: { quantity: int64, taken_at: Date } },  (only while any)
//     revision: int64 }  (bumped by every update; absent until the first: book_writes.hpp)
// Extras live in their own sub-document so no client field can collide with the server's.
// `stock_holds` and `stock_returns` record copies taken and given back by orders
// (mongo_stock_ledger.cpp); they are the server's, never shown in a book. The folded values lists
// compare live in the book index in PostgreSQL (domain/books/book_index.hpp), not here.
#pragma once

#include <bson/bson.h>
#include <nlohmann/json.hpp>

#include "domain/books/book.hpp"
#include "storage/mongo/bson_doc.hpp"

namespace ld::mongo {

// The whole stored document for `book`, with `id` as its _id and the book's own times.
Bson book_document(const Book& book, const bson_oid_t& id);

Book book_from_document(const bson_t* doc);

// Fields books stored by earlier versions may still hold (folded copies for searching, from before
// the book index in PostgreSQL): never read back, and gone once the book is next replaced.
inline constexpr const char* kRetiredSearchGrams = "search_grams";
inline constexpr const char* kRetiredSearch = "search";

// One more with every update of the book, so that a write made from a stale read is refused on
// a server whose updates are not atomic by themselves (book_writes.hpp).
inline constexpr const char* kRevision = "revision";

inline constexpr const char* kStockHolds = "stock_holds";
inline constexpr const char* kStockReturns = "stock_returns";
// `true` on exactly the books whose stock_holds or stock_returns hold an entry, set and taken off
// by the same update that adds the first or forgets the last entry. The sweeper finds those books
// by this top-level equality, which an index serves on every server (FerretDB pushes no $exists
// down and has no sparse index), so an idle pass costs one index lookup, not a catalog scan.
inline constexpr const char* kStockPending = "stock_pending";

// Appends `from`'s stock_holds, stock_returns and stock_pending, if any, to `to`: replacing a
// book keeps them.
void copy_stock_ledgers(const bson_t* from, bson_t* to);

}  // namespace ld::mongo
