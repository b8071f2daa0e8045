// How two concurrent writes to one book are kept from losing one of them.
//
// Every update S2 makes to a book bumps its `revision` by exactly one. What else it takes depends
// on the server, asked once at start (learn):
//   - MongoDB applies each single-document update atomically: nothing more.
//   - FerretDB 1.24 applies an update as "read, change, write the whole document back", with
//     nothing guarding the gap. On its PostgreSQL backend, scripts/sql/ferretdb_revision_guard.sql
//     makes PostgreSQL refuse a write-back whose revision is not the stored one plus one; S2 then
//     runs the refused step again on a fresh read (rerun_while_stale). Every update is then
//     atomic, as on MongoDB: nothing more either.
//   - FerretDB without that guard (its SQLite backend): each write first takes the book's lock
//     document (book_lock.hpp), one insert and one delete more per write.
// Until the server has answered, every write takes the lock, which is safe on every server.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <thread>

#include <bson/bson.h>
#include <mongoc/mongoc.h>

#include "domain/shared/leases.hpp"
#include "storage/mongo/book_document.hpp"
#include "storage/mongo/book_lock.hpp"
#include "storage/mongo/bson_doc.hpp"
#include "storage/mongo/mongo_errors.hpp"

namespace ld::mongo {

// What a server needs, as learned from it.
enum class BookWriteGuard {
  lock_per_write,    // FerretDB without the revision guard
  atomic_updates,    // MongoDB
  revision_guarded,  // FerretDB on PostgreSQL with the revision guard
};
const char* describe(BookWriteGuard guard);

// The revision stored in `doc` (0 when it has none yet).
std::int64_t revision_of(const bson_t* doc);

// {_id: oid, revision: <revision>}, or {revision: {$exists: false}} for revision 0 (a book never
// updated): an update made from a read of the book at `revision` (revision_of the document read,
// or a hold's answer) applies only while the book is still as read. On MongoDB this is what keeps
// such a write from undoing one that landed after the read (a hold between a sweep's read and its
// write, say); matching nothing means "read again".
Bson as_read_filter(const bson_oid_t& oid, std::int64_t revision);

// Asks the server which guard it needs: MongoDB needs none; FerretDB is asked to write a stale
// revision to a probe document of its own (collection store_probes in `database`), which the
// guard refuses. Throws StoreUnavailable when the server cannot answer.
BookWriteGuard learn_book_write_guard(mongoc_client_t* client, const std::string& database);

class BookWrites {
 public:
  // `wait` bounds both the wait for a book's lock and the reruns of a stale write.
  BookWrites(Leases& lock_leases, std::chrono::milliseconds wait)
      : lock_leases_(lock_leases), wait_(wait) {}

  void use(BookWriteGuard guard) { guard_ = guard; }
  BookWriteGuard guard() const { return guard_; }

  // The book's lock, taken, when the server needs one; nothing otherwise.
  std::optional<BookLock> lock(mongoc_collection_t* locks, const bson_oid_t& book) const {
    if (guard_ != BookWriteGuard::lock_per_write) return std::nullopt;
    return std::optional<BookLock>(std::in_place, locks, lock_leases_, book, wait_);
  }

  // Runs `step` (a read, then a write made from it) until its write is not refused as stale,
  // for up to the wait; then the last StaleWrite is thrown. The pause between runs is short and
  // random, so writers that collided do not collide again in step.
  template <class Step>
  auto rerun_while_stale(Step&& step) const {
    const auto deadline = std::chrono::steady_clock::now() + wait_;
    thread_local std::minstd_rand jitter{std::random_device{}()};
    for (;;) {
      try {
        return step();
      } catch (const StaleWrite&) {
        if (std::chrono::steady_clock::now() >= deadline) throw;
        std::this_thread::sleep_for(std::chrono::microseconds(jitter() % 2000));
      }
    }
  }

 private:
  Leases& lock_leases_;
  std::chrono::milliseconds wait_;
  std::atomic<BookWriteGuard> guard_{BookWriteGuard::lock_per_write};
};

}  // namespace ld::mongo
