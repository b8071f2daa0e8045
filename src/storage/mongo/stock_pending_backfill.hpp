// The migration that marks books whose stock ledgers were written before stock_pending existed,
// so the sweeper's index-served query misses none of their holds and returns. Idempotent: it only
// touches books with an entry and without the marker. It runs once per database: its end is
// recorded in the `migrations` collection, because FerretDB reads every book for it (no index
// serves "field absent"), which took 17 to 40 s at 10,000 books, at every start.
#pragma once

#include <cstdint>

#include <mongoc/mongoc.h>

namespace ld::mongo {

// Returns how many books it marked.
std::int64_t backfill_stock_pending(mongoc_collection_t* books);

// Whether the back-fill ran to its end in this database, and recording that it did.
bool stock_pending_backfilled(mongoc_collection_t* migrations);
void record_stock_pending_backfilled(mongoc_collection_t* migrations);

}  // namespace ld::mongo
