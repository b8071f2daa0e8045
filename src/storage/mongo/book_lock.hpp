// Puts the writers to one book in line. MongoDB applies each single-document update atomically,
// but FerretDB's SQLite backend runs one as "read, change, write the whole document back" with
// nothing guarding the gap, so two concurrent updates of one book can lose one of them (two
// orders could then both take the last copy). A lock document per book, taken by inserting
// { _id: <book ObjectId>, token, at } into book_locks and given back by deleting it, closes the
// gap on both servers: the unique _id makes taking it atomic everywhere.
//
// The updates made under the lock stay conditional (stock: {$gte: n}), so on MongoDB they are
// safe even without it. A lock this process could not give back (the server was down when its
// request ended) is remembered and broken by the next writer of this process at once, so an
// outage blocks the book no longer than the outage itself; a holder that died with its process
// leaves its lock behind, and one older than kLockLease is broken by the next writer.
#pragma once

#include <chrono>
#include <cstdint>

#include <mongoc/mongoc.h>

namespace ld::mongo {

// Far longer than a holder needs (a few store calls, each bounded by the socket timeout).
inline constexpr std::chrono::seconds kLockLease{30};

class BookLock {
 public:
  // Waits up to `wait` for the book; throws StoreUnavailable("mongodb") when it stays taken.
  BookLock(mongoc_collection_t* locks, const bson_oid_t& book, std::chrono::milliseconds wait);
  ~BookLock();
  BookLock(const BookLock&) = delete;
  BookLock& operator=(const BookLock&) = delete;

 private:
  bool try_take();
  // Whether the book is still locked by a live holder; breaks an abandoned lock on the way.
  bool held_by_another();

  mongoc_collection_t* locks_;
  bson_oid_t book_;
  std::int64_t token_;
  std::chrono::milliseconds wait_;  // also the server's limit on one read of the lock
};

}  // namespace ld::mongo
