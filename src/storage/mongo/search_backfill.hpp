// The migration that gives books stored before search_grams existed their grams, run by
// ensure_indexes at every start. Idempotent: it only touches books without the field, each by a
// conditional update on the version it read, so a book changed meanwhile (whose new version
// already has its grams) is left as it is.
#pragma once

#include <cstdint>

#include <mongoc/mongoc.h>

namespace ld::mongo {

// Returns how many books it gave grams.
std::int64_t backfill_search_grams(mongoc_collection_t* books);

}  // namespace ld::mongo
