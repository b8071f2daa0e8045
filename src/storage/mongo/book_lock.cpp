#include "storage/mongo/book_lock.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <utility>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "storage/mongo/book_lookup.hpp"
#include "storage/mongo/bson_doc.hpp"
#include "storage/mongo/mongo_errors.hpp"
#include "storage/mongo/mongo_pool.hpp"

namespace ld::mongo {

namespace {

constexpr const char* kLockedBook = "book";

// 64 random bits in hex: the lock's _id, never the same for two locks.
std::string new_token() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return fmt::format("{:016x}", engine());
}

Bson lock_id(const std::string& token) {
  Bson filter;
  bson_append_utf8(filter.get(), "_id", -1, token.data(), static_cast<int>(token.size()));
  return filter;
}

Bson lock_on(const bson_oid_t& book) {
  Bson filter;
  bson_append_oid(filter.get(), kLockedBook, -1, &book);
  return filter;
}

// The locks this process left behind: those it could not give back (the server went away, or
// the answer to taking it was lost, so it may or may not be there), and those held around an
// operation that was cut off. No request of this process holds them any more, so the next
// writer of this process breaks one without waiting out kLockLease; but only kCutOffGrace after
// it was left, since an operation cut off on this side (a timeout) may still be running on the
// server, and FerretDB would lose one of two writes to the book running at once.
class Unreleased {
 public:
  using Clock = std::chrono::steady_clock;
  enum class Left { no, too_recently, long_enough };

  void add(const std::string& token) {
    const std::scoped_lock lock(mutex_);
    locks_.emplace(token, Clock::now());
  }
  // Whether the lock `token` was left here, and long enough ago to break it.
  Left left(const std::string& token) {
    const std::scoped_lock lock(mutex_);
    const auto it = locks_.find(token);
    if (it == locks_.end()) return Left::no;
    return Clock::now() - it->second < kCutOffGrace ? Left::too_recently : Left::long_enough;
  }
  void forget(const std::string& token) {
    const std::scoped_lock lock(mutex_);
    locks_.erase(token);
  }

 private:
  std::mutex mutex_;
  std::map<std::string, Clock::time_point> locks_;
};

Unreleased& unreleased() {
  static Unreleased locks;
  return locks;
}

// What the writers of this process saw of other holders' locks: each book's lock (token and
// beat) and since when, by this process's steady clock, it has stood still. A lock that changes
// hands or beats starts a new watch.
class Sightings {
 public:
  using Clock = std::chrono::steady_clock;

  // Whether the lock (token, beat) on `book` has stood still for `lease` or longer.
  bool still_for(const std::string& book, const std::string& token, std::int64_t beat,
                 std::chrono::milliseconds lease) {
    const auto now = Clock::now();
    const std::scoped_lock lock(mutex_);
    auto [it, fresh] = seen_.try_emplace(book, Seen{token, beat, now});
    if (!fresh && (it->second.token != token || it->second.beat != beat)) {
      it->second = Seen{token, beat, now};
    }
    if (fresh && seen_.size() > kMaxBooks) forget_older_than(now - 10 * lease);
    return now - it->second.since >= lease;
  }
  void forget(const std::string& book) {
    const std::scoped_lock lock(mutex_);
    seen_.erase(book);
  }

 private:
  // Books watched at once stay few (those written concurrently); the bound only keeps books
  // nobody wrote again from piling up.
  static constexpr std::size_t kMaxBooks = 1024;

  struct Seen {
    std::string token;
    std::int64_t beat;
    Clock::time_point since;
  };

  void forget_older_than(Clock::time_point before) {
    std::erase_if(seen_, [before](const auto& entry) { return entry.second.since < before; });
  }

  std::mutex mutex_;
  std::map<std::string, Seen> seen_;
};

Sightings& sightings() {
  static Sightings seen;
  return seen;
}

std::optional<std::string> string_field(const bson_t* doc, const char* name) {
  bson_iter_t iter;
  if (!bson_iter_init_find(&iter, doc, name) || !BSON_ITER_HOLDS_UTF8(&iter)) return std::nullopt;
  std::uint32_t length = 0;
  const char* text = bson_iter_utf8(&iter, &length);
  return std::string(text, length);
}

std::optional<std::int64_t> int64_field(const bson_t* doc, const char* name) {
  bson_iter_t iter;
  if (!bson_iter_init_find(&iter, doc, name) || !BSON_ITER_HOLDS_NUMBER(&iter)) return std::nullopt;
  return bson_iter_as_int64(&iter);
}

}  // namespace

BookLock::BookLock(mongoc_collection_t* locks, Leases& leases, const bson_oid_t& book,
                   std::chrono::milliseconds wait)
    : locks_(locks), leases_(leases), book_(book), token_(new_token()), wait_(wait) {
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
    if (operations_cut_off() != cut_off_at_take_) {
      // An operation under this lock may still be running on the server: leave the lock to
      // be broken once it cannot be any more.
      unreleased().add(token_);
      spdlog::warn("lock on book {} kept a while: a write under it was cut off", oid_hex(book_));
      return;
    }
    Bson filter = lock_id(token_);
    bson_error_t error;
    if (!mongoc_collection_delete_one(locks_, filter.get(), nullptr, nullptr, &error)) {
      unreleased().add(token_);
      spdlog::warn("lock on book {} stays until the next write to it: {}", oid_hex(book_),
                   error.message);
    }
  } catch (...) {
    // Only logging can throw here; the lock then simply ends with its lease.
  }
  // Renewed no more either way (lease_ goes with this object): a lock left behind lapses.
}

bool BookLock::try_take() {
  Bson doc = lock_id(token_);
  bson_append_oid(doc.get(), kLockedBook, -1, &book_);
  bson_append_int64(doc.get(), "beat", -1, 0);
  bson_append_date_time(doc.get(), "at", -1, clock::now_ms());  // for people reading the locks
  bson_error_t error;
  if (mongoc_collection_insert_one(locks_, doc.get(), nullptr, nullptr, &error)) {
    lease_.emplace(leases_, token_);
    cut_off_at_take_ = operations_cut_off();
    sightings().forget(oid_hex(book_));
    return true;
  }
  if (!is_duplicate_key(error)) {
    // The insert may have landed with its answer lost: the lock would then be ours with no one
    // to give it back (and no one to renew it).
    unreleased().add(token_);
    throw_driver_error(error, "book_locks.take");
  }
  return false;
}

bool BookLock::held_by_another() {
  const std::string book = oid_hex(book_);
  Bson filter = lock_on(book_);
  Bson opts;
  limit_server_time(opts.get(), wait_);
  Cursor cursor(mongoc_collection_find_with_opts(locks_, filter.get(), opts.get(), nullptr));
  const bson_t* lock = nullptr;
  const bool found = mongoc_cursor_next(cursor.get(), &lock);
  bson_error_t error;
  if (mongoc_cursor_error(cursor.get(), &error)) throw_driver_error(error, "book_locks.find");
  if (!found) {
    sightings().forget(book);
    return false;
  }
  const auto token = string_field(lock, "_id");
  if (!token) return true;  // not a lock this program wrote: left to whoever wrote it
  const std::int64_t beat = int64_field(lock, "beat").value_or(0);
  const auto left = unreleased().left(*token);
  if (left == Unreleased::Left::too_recently) return true;
  const bool abandoned_here = left == Unreleased::Left::long_enough;
  if (!abandoned_here && !sightings().still_for(book, *token, beat, kLockLease)) return true;
  // Only that holder's lock, at that beat: if it beat meanwhile, it stays (on MongoDB; FerretDB
  // checks the beat and deletes in two steps). Any number of writers, in this S2 or others, may
  // break it at once: each deletes by the dead lock's own _id, which no new lock can have.
  Bson stale = lock_id(*token);
  bson_append_int64(stale.get(), "beat", -1, beat);
  if (!mongoc_collection_delete_one(locks_, stale.get(), nullptr, nullptr, &error)) {
    throw_driver_error(error, "book_locks.break");
  }
  unreleased().forget(*token);
  sightings().forget(book);
  spdlog::warn("broke the lock on book {} of a {}", book,
               abandoned_here ? "write of this process that could not give it back"
                              : "holder that stopped renewing it");
  return false;
}

void ensure_book_lock_index(mongoc_collection_t* locks) {
  // An earlier shape's locks have no `book`; on MongoDB two of them would break the unique
  // index (both index as null).
  Bson earlier_shape;
  append_exists(earlier_shape.get(), kLockedBook, false);
  bson_error_t error;
  if (!mongoc_collection_delete_many(locks, earlier_shape.get(), nullptr, nullptr, &error)) {
    throw_driver_error(error, "book_locks.ensure_index");
  }
  create_index(locks, "one_lock_per_book", kLockedBook, Unique::yes, "book_locks.ensure_index");
}

void renew_book_locks(mongoc_collection_t* locks, const std::vector<std::string>& tokens) {
  if (tokens.empty()) return;
  Bson filter;
  bson_t in;
  bson_t list;
  bson_append_document_begin(filter.get(), "_id", -1, &in);
  bson_append_array_begin(&in, "$in", -1, &list);
  int i = 0;
  for (const auto& token : tokens) {
    const std::string index = std::to_string(i++);
    bson_append_utf8(&list, index.c_str(), -1, token.data(), static_cast<int>(token.size()));
  }
  bson_append_array_end(&in, &list);
  bson_append_document_end(filter.get(), &in);
  Bson update;
  bson_t inc;
  bson_append_document_begin(update.get(), "$inc", -1, &inc);
  bson_append_int64(&inc, "beat", -1, 1);
  bson_append_document_end(update.get(), &inc);
  bson_error_t error;
  if (!mongoc_collection_update_many(locks, filter.get(), update.get(), nullptr, nullptr, &error)) {
    throw_driver_error(error, "book_locks.renew");
  }
}

}  // namespace ld::mongo
