// Puts the writers to one book in line. MongoDB applies each single-document update atomically,
// but FerretDB runs one as "read, change, write the whole document back" with nothing guarding
// the gap, so two concurrent updates of one book can lose one of them (two orders could then
// both take the last copy). A lock document per book, taken by inserting
// { _id: <token>, book: <book ObjectId>, beat, at } into book_locks and given back by deleting
// it, closes the gap on both servers: a unique index on `book` makes taking it atomic
// everywhere. Each lock's _id is a random token of its own, so every delete (give back, break)
// names one lock and can never remove a newer lock on the same book, even on FerretDB, which
// deletes by finding the document first and then deleting by _id.
//
// A lock is a lease: while its holder lives, the process's lease thread (domain/shared/
// leases.hpp) bumps the `beat` of every lock the process holds, all in one update per tick
// (renew_book_locks). A writer that finds the book locked watches the lock; one whose beat has
// not moved for kLockLease, measured by the writer's own steady clock, has a dead holder (its
// S2 was killed, or its release was lost while the server was down) and is broken; writers in
// any number of S2s may break the same dead lock at once, harmlessly. No two
// clocks are ever compared, so the S2s' clocks need not agree. A lock this process left behind
// (it could not give it back, or an operation under it was cut off and may still be running on
// the server) is broken by the next writer of this process once kCutOffGrace has passed.
//
// The updates made under the lock stay conditional (stock: {$gte: n}, updated_at), so on
// MongoDB they are safe even without it.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <mongoc/mongoc.h>

#include "domain/shared/leases.hpp"

namespace ld::mongo {

// How long a lock's beat may stand still before its holder counts as dead. The holder's lease
// thread beats five times a lease, so a beat that waits out a store timeout still lands in time.
inline constexpr std::chrono::seconds kLockLease{5};
inline constexpr std::chrono::milliseconds kLockBeat{1000};
// How long a lock this process left behind waits before this process breaks it: longer than an
// operation cut off under it can go on running on the server (the store timeout, also sent to
// the server as maxTimeMS).
inline constexpr std::chrono::milliseconds kCutOffGrace{2500};

class BookLock {
 public:
  // Waits up to `wait` for the book; throws StoreUnavailable("mongodb") when it stays taken.
  // The lock is renewed through `leases` while this object lives.
  BookLock(mongoc_collection_t* locks, Leases& leases, const bson_oid_t& book,
           std::chrono::milliseconds wait);
  ~BookLock();
  BookLock(const BookLock&) = delete;
  BookLock& operator=(const BookLock&) = delete;

 private:
  bool try_take();
  // Whether the book is still locked by a live holder; breaks a dead holder's lock on the way.
  bool held_by_another();

  mongoc_collection_t* locks_;
  Leases& leases_;
  bson_oid_t book_;
  std::string token_;                  // the lock document's _id
  std::chrono::milliseconds wait_;     // also the server's limit on one read of the lock
  std::optional<Leases::Held> lease_;  // from taking the lock until giving it back
  std::uint64_t cut_off_at_take_ = 0;  // operations_cut_off() when it was taken
};

// The unique index that makes a book's lock one at a time; run at start. Drops locks of the
// earlier shape ({_id: book}), which only an S2 of an earlier version can hold.
void ensure_book_lock_index(mongoc_collection_t* locks);

// One beat for every lock in `tokens` (BookLock tokens), in one update; a lock
// given back or broken meanwhile is simply not found. Throws StoreUnavailable.
void renew_book_locks(mongoc_collection_t* locks, const std::vector<std::string>& tokens);

}  // namespace ld::mongo
