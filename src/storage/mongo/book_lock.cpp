#include "storage/mongo/book_lock.hpp"

#include <algorithm>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <utility>

#include <spdlog/spdlog.h>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "storage/mongo/book_lookup.hpp"
#include "storage/mongo/bson_doc.hpp"
#include "storage/mongo/mongo_errors.hpp"
#include "storage/mongo/mongo_pool.hpp"

namespace ld::mongo {

namespace {

std::int64_t new_token() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return static_cast<std::int64_t>(engine() >> 1);
}

Bson held_by(const bson_oid_t& book, std::int64_t token) {
  Bson filter = id_filter(book);
  bson_append_int64(filter.get(), "token", -1, token);
  return filter;
}

// The locks this process took but could not give back (the server went away, or the answer to
// taking it was lost, so it may or may not be there): no request of this process holds them
// any more, so the next writer to meet one breaks it at once instead of waiting out kLockLease.
// Tokens are random per lock, so a token here can never name another holder's lock.
class Unreleased {
 public:
  void add(const bson_oid_t& book, std::int64_t token) {
    const std::scoped_lock lock(mutex_);
    locks_.emplace(oid_hex(book), token);
  }
  // Whether (book, token) was one of them; forgets it either way.
  bool take(const bson_oid_t& book, std::int64_t token) {
    const std::scoped_lock lock(mutex_);
    return locks_.erase({oid_hex(book), token}) > 0;
  }

 private:
  std::mutex mutex_;
  std::set<std::pair<std::string, std::int64_t>> locks_;
};

Unreleased& unreleased() {
  static Unreleased locks;
  return locks;
}

}  // namespace

BookLock::BookLock(mongoc_collection_t* locks, const bson_oid_t& book,
                   std::chrono::milliseconds wait)
    : locks_(locks), book_(book), token_(new_token()), wait_(wait) {
  const auto deadline = std::chrono::steady_clock::now() + wait;
  auto pause = std::chrono::milliseconds(1);
  while (!try_take()) {
    // Wait by reading, not by inserting again: failed inserts are writes, and on SQLite they
    // would compete with the holder's own writes and slow down the very thing being waited for.
    while (held_by_another()) {
      if (std::chrono::steady_clock::now() + pause > deadline) {
        throw StoreUnavailable("mongodb",
                               "book " + oid_hex(book) + " stayed locked by another write");
      }
      std::this_thread::sleep_for(pause);
      pause = std::min(pause * 2, std::chrono::milliseconds(8));
    }
  }
}

BookLock::~BookLock() {
  try {
    Bson filter = held_by(book_, token_);
    bson_error_t error;
    if (!mongoc_collection_delete_one(locks_, filter.get(), nullptr, nullptr, &error)) {
      unreleased().add(book_, token_);
      spdlog::warn("lock on book {} stays until the next write to it: {}", oid_hex(book_),
                   error.message);
    }
  } catch (...) {
    // Only logging can throw here; the lock then simply ends with its lease.
  }
}

bool BookLock::try_take() {
  Bson doc = held_by(book_, token_);
  bson_append_date_time(doc.get(), "at", -1, clock::now_ms());
  bson_error_t error;
  if (mongoc_collection_insert_one(locks_, doc.get(), nullptr, nullptr, &error)) return true;
  if (!is_duplicate_key(error)) {
    // The insert may have landed with its answer lost: the lock would then be ours with no one
    // to give it back.
    unreleased().add(book_, token_);
    throw_driver_error(error, "book_locks.take");
  }
  return false;
}

bool BookLock::held_by_another() {
  Bson filter = id_filter(book_);
  Bson opts;
  limit_server_time(opts.get(), wait_);
  Cursor cursor(mongoc_collection_find_with_opts(locks_, filter.get(), opts.get(), nullptr));
  const bson_t* lock = nullptr;
  const bool found = mongoc_cursor_next(cursor.get(), &lock);
  bson_error_t error;
  if (mongoc_cursor_error(cursor.get(), &error)) throw_driver_error(error, "book_locks.find");
  if (!found) return false;
  bson_iter_t at;
  bson_iter_t token;
  if (!bson_iter_init_find(&at, lock, "at") || !BSON_ITER_HOLDS_DATE_TIME(&at) ||
      !bson_iter_init_find(&token, lock, "token") || !BSON_ITER_HOLDS_INT64(&token)) {
    return true;
  }
  const auto age = clock::now_ms() - bson_iter_date_time(&at);
  const std::int64_t holder = bson_iter_int64(&token);
  const bool abandoned_here = unreleased().take(book_, holder);
  if (!abandoned_here &&
      age < std::chrono::duration_cast<std::chrono::milliseconds>(kLockLease).count()) {
    return true;
  }
  // Only that holder's lock: if it changed hands meanwhile, the new holder keeps it.
  Bson stale = held_by(book_, holder);
  if (!mongoc_collection_delete_one(locks_, stale.get(), nullptr, nullptr, &error)) {
    if (abandoned_here) unreleased().add(book_, holder);
    throw_driver_error(error, "book_locks.break");
  }
  spdlog::warn("broke an abandoned lock on book {} ({} ms old{})", oid_hex(book_), age,
               abandoned_here ? ", left by this process" : "");
  return false;
}

}  // namespace ld::mongo
