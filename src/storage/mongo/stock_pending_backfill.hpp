// The migration that marks books whose stock ledgers were written before stock_pending existed,
// run by ensure_indexes at every start, so the sweeper's index-served query misses none of their
// holds and returns. Idempotent: it only touches books with an entry and without the marker.
#pragma once

#include <cstdint>

#include <mongoc/mongoc.h>

namespace ld::mongo {

// Returns how many books it marked.
std::int64_t backfill_stock_pending(mongoc_collection_t* books);

}  // namespace ld::mongo
