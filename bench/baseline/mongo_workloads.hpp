// The MongoDB work behind S2's book endpoints and the book half of POST /orders, done with
// libmongoc directly: the same documents (built by the books adapter's own book_document), the
// same filters, options and write concern, without S2's HTTP, JSON and pooling layers.
#pragma once

#include <string>

#include "baseline/load_run.hpp"
#include "baseline/seed.hpp"

namespace ld::bench {

struct MongoTarget {
  std::string url;
  std::string database;
};

// POST /books: one insert_one of a new book document (no ISBN, so no key claims).
OperationFactory mongo_book_insert(const MongoTarget& target, const Seed& seed);
// GET /books/{id}: a find by _id with limit 1.
OperationFactory mongo_book_find(const MongoTarget& target, const Seed& seed);
// GET /books?q=: the list filter on the folded search field, sorted by _id, limit 21.
OperationFactory mongo_book_search(const MongoTarget& target, const Seed& seed);
// POST /orders, book half: a find by _id of each of two books, then for each the reservation
// under the book's lock (insert into book_locks, conditional $inc of stock, delete the lock).
OperationFactory mongo_order_books(const MongoTarget& target, const Seed& seed);

// Inserts `count` books like POST /books's (titles of `words`), a thousand per insert_many, and
// returns their ids: run.sh grows the catalog to each size of the benchmark this way, in seconds
// rather than the minutes the same books would take through S2's API.
std::vector<std::string> mongo_seed_books(const MongoTarget& target, std::size_t count,
                                          const std::vector<std::string>& words);

// Drops the database: run.sh starts every run from empty bench stores.
void mongo_drop_database(const MongoTarget& target);

}  // namespace ld::bench
