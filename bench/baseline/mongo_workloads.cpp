// Each thread pops one client from a pool for the whole run (S2 pops one per repository call;
// that bookkeeping is S2's own cost). The pool is set up as S2's MongoPool sets up its own:
// acknowledged, journaled writes unless the URL says otherwise.
#include "baseline/mongo_workloads.hpp"

#include <mongoc/mongoc.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <thread>

#include "baseline/sample_book.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "storage/mongo/book_document.hpp"
#include "storage/mongo/book_lock.hpp"
#include "storage/mongo/book_query.hpp"
#include "storage/mongo/book_writes.hpp"
#include "storage/mongo/bson_doc.hpp"
#include "storage/mongo/mongo_pool.hpp"

namespace ld::bench {

namespace {

using mongo::Bson;
using mongo::Reply;

constexpr std::uint32_t kDuplicateKey = 11000;
// S2's default store timeout, which also bounds its wait for a book's lock.
constexpr std::chrono::milliseconds kStoreTimeout{2000};

struct UriFree {
  void operator()(mongoc_uri_t* u) const noexcept { mongoc_uri_destroy(u); }
};
struct PoolFree {
  void operator()(mongoc_client_pool_t* p) const noexcept { mongoc_client_pool_destroy(p); }
};
struct CollectionFree {
  void operator()(mongoc_collection_t* c) const noexcept { mongoc_collection_destroy(c); }
};
struct CursorFree {
  void operator()(mongoc_cursor_t* c) const noexcept { mongoc_cursor_destroy(c); }
};
using Cursor = std::unique_ptr<mongoc_cursor_t, CursorFree>;

void init_driver() {
  struct Driver {
    Driver() { mongoc_init(); }
    ~Driver() { mongoc_cleanup(); }
  };
  static Driver driver;
}

// One pool shared by the threads of a run; each thread holds one client from it.
class ClientPool {
 public:
  explicit ClientPool(const std::string& url) {
    init_driver();
    bson_error_t error;
    uri_.reset(mongoc_uri_new_with_error(url.c_str(), &error));
    if (!uri_) throw std::invalid_argument(std::string("invalid MongoDB URL: ") + error.message);
    const mongoc_write_concern_t* given = mongoc_uri_get_write_concern(uri_.get());
    if (mongoc_write_concern_get_w(given) == MONGOC_WRITE_CONCERN_W_DEFAULT &&
        !mongoc_write_concern_journal_is_set(given)) {
      std::unique_ptr<mongoc_write_concern_t, decltype(&mongoc_write_concern_destroy)> wc(
          mongoc_write_concern_new(), &mongoc_write_concern_destroy);
      mongoc_write_concern_set_w(wc.get(), 1);
      mongoc_write_concern_set_journal(wc.get(), true);
      mongoc_uri_set_write_concern(uri_.get(), wc.get());
    }
    pool_.reset(mongoc_client_pool_new_with_error(uri_.get(), &error));
    if (!pool_) throw std::invalid_argument(std::string("unusable MongoDB URL: ") + error.message);
    mongoc_client_pool_set_error_api(pool_.get(), MONGOC_ERROR_API_VERSION_2);
    // One client per thread, and store_baseline allows more threads than the default of 100.
    mongoc_client_pool_max_size(pool_.get(), 256);
  }
  mongoc_client_pool_t* get() const { return pool_.get(); }

 private:
  std::unique_ptr<mongoc_uri_t, UriFree> uri_;
  std::unique_ptr<mongoc_client_pool_t, PoolFree> pool_;
};

// A client held for a run (by one thread), with the books and book_locks collections open.
class HeldClient {
 public:
  HeldClient(std::shared_ptr<ClientPool> pool, const std::string& database)
      : pool_(std::move(pool)), client_(mongoc_client_pool_pop(pool_->get())) {
    books_.reset(mongoc_client_get_collection(client_, database.c_str(), "books"));
    locks_.reset(mongoc_client_get_collection(client_, database.c_str(), "book_locks"));
  }
  ~HeldClient() {
    books_.reset();  // handles taken from the client go before it returns to the pool
    locks_.reset();
    mongoc_client_pool_push(pool_->get(), client_);
  }
  HeldClient(const HeldClient&) = delete;
  HeldClient& operator=(const HeldClient&) = delete;

  mongoc_client_t* client() const { return client_; }
  mongoc_collection_t* books() const { return books_.get(); }
  mongoc_collection_t* locks() const { return locks_.get(); }

 private:
  std::shared_ptr<ClientPool> pool_;
  mongoc_client_t* client_;
  std::unique_ptr<mongoc_collection_t, CollectionFree> books_;
  std::unique_ptr<mongoc_collection_t, CollectionFree> locks_;
};

bson_oid_t oid_of(const std::string& hex) {
  bson_oid_t oid;
  bson_oid_init_from_string(&oid, hex.c_str());
  return oid;
}

// Reads the cursor to its end, as the adapter does; true when the server raised no error.
bool drain(mongoc_cursor_t* cursor, int* count) {
  const bson_t* doc = nullptr;
  while (mongoc_cursor_next(cursor, &doc)) ++*count;
  return !mongoc_cursor_error(cursor, nullptr);
}

bool find_by_id(mongoc_collection_t* books, const std::string& id) {
  const bson_oid_t oid = oid_of(id);
  Bson filter;
  bson_append_oid(filter.get(), "_id", -1, &oid);
  Bson opts;
  bson_append_int64(opts.get(), "limit", -1, 1);
  Cursor cursor(mongoc_collection_find_with_opts(books, filter.get(), opts.get(), nullptr));
  int found = 0;
  return drain(cursor.get(), &found) && found == 1;
}

// {_id: book, token}: the lock document the adapter's BookLock inserts into book_locks.
Bson lock_document(const bson_oid_t& book, std::int64_t token) {
  Bson doc;
  bson_append_oid(doc.get(), "_id", -1, &book);
  bson_append_int64(doc.get(), "token", -1, token);
  return doc;
}

// Whether another writer's lock on `book` is still live; breaks one older than the adapter's
// lease (kLockLease), so a lock a killed run left behind cannot stall this one. The bench renews
// no lock (each is held for one update), so a lock's age stands in for the stopped beat by which
// BookLock judges one.
bool locked_by_another(mongoc_collection_t* locks, const bson_oid_t& book) {
  Bson filter;
  bson_append_oid(filter.get(), "_id", -1, &book);
  Cursor cursor(mongoc_collection_find_with_opts(locks, filter.get(), nullptr, nullptr));
  const bson_t* lock = nullptr;
  if (!mongoc_cursor_next(cursor.get(), &lock)) return false;
  bson_iter_t at;
  bson_iter_t token;
  if (!bson_iter_init_find(&at, lock, "at") || !BSON_ITER_HOLDS_DATE_TIME(&at) ||
      !bson_iter_init_find(&token, lock, "token") || !BSON_ITER_HOLDS_INT64(&token)) {
    return true;
  }
  const auto lease = std::chrono::duration_cast<std::chrono::milliseconds>(mongo::kLockLease);
  if (clock::now_ms() - bson_iter_date_time(&at) < lease.count()) return true;
  const Bson stale = lock_document(book, bson_iter_int64(&token));
  mongoc_collection_delete_one(locks, stale.get(), nullptr, nullptr, nullptr);
  return false;
}

// The adapter's reservation (storage/mongo/book_writes.hpp): where the server needs it, take the
// book's lock (an insert that fails while another writer holds it; then wait by reading, backing
// off from 1 to 8 ms, for at most the store timeout); the conditional decrement
// {_id, stock: {$gte: 1}} {$inc: {stock: -1, revision: 1}} as a findAndModify answering with the
// book (which prices the order's line), made again while the revision guard refuses it as stale;
// then give the lock back (a delete).
bool take_one_copy(mongoc_collection_t* books, mongoc_collection_t* locks, const std::string& id,
                   std::int64_t token, bool lock_needed) {
  const bson_oid_t oid = oid_of(id);
  const auto deadline = std::chrono::steady_clock::now() + kStoreTimeout;
  auto pause = std::chrono::milliseconds(1);
  while (lock_needed) {
    Bson lock = lock_document(oid, token);
    bson_append_date_time(lock.get(), "at", -1, clock::now_ms());
    bson_error_t error;
    if (mongoc_collection_insert_one(locks, lock.get(), nullptr, nullptr, &error)) break;
    if (error.code != kDuplicateKey) return false;
    while (locked_by_another(locks, oid)) {
      if (std::chrono::steady_clock::now() + pause > deadline) return false;
      std::this_thread::sleep_for(pause);
      pause = std::min(pause * 2, std::chrono::milliseconds(8));
    }
  }
  Bson filter;
  bson_append_oid(filter.get(), "_id", -1, &oid);
  bson_t condition;
  bson_append_document_begin(filter.get(), "stock", -1, &condition);
  bson_append_int64(&condition, "$gte", -1, 1);
  bson_append_document_end(filter.get(), &condition);
  Bson update;
  bson_t inc;
  bson_append_document_begin(update.get(), "$inc", -1, &inc);
  bson_append_int64(&inc, "stock", -1, -1);
  bson_append_int64(&inc, mongo::kRevision, -1, 1);
  bson_append_document_end(update.get(), &inc);
  const mongo::FindAndModifyOpts opts(mongoc_find_and_modify_opts_new());
  mongoc_find_and_modify_opts_set_update(opts.get(), update.get());
  mongoc_find_and_modify_opts_set_flags(opts.get(), MONGOC_FIND_AND_MODIFY_RETURN_NEW);
  bool updated = false;
  for (;;) {
    Reply reply;
    bson_error_t error;
    if (mongoc_collection_find_and_modify_with_opts(books, filter.get(), opts.get(), reply.out(),
                                                    &error)) {
      bson_iter_t iter;
      updated = bson_iter_init_find(&iter, reply.get(), "value") && BSON_ITER_HOLDS_DOCUMENT(&iter);
      break;
    }
    if (!mongo::is_stale_write(error) || std::chrono::steady_clock::now() >= deadline) break;
  }
  if (!lock_needed) return updated;
  const Bson held = lock_document(oid, token);
  return mongoc_collection_delete_one(locks, held.get(), nullptr, nullptr, nullptr) && updated;
}

// Shared by every workload: one pool per run, one client per thread.
template <class Body>
OperationFactory per_thread(const MongoTarget& target, Body body) {
  auto pool = std::make_shared<ClientPool>(target.url);
  return [pool, database = target.database, body](std::size_t thread_index) -> Operation {
    auto client = std::make_shared<HeldClient>(pool, database);
    auto pick = std::make_shared<RandomPick>(thread_index);
    auto counter = std::make_shared<std::uint64_t>(0);
    return [client, pick, counter, thread_index, body] {
      return body(*client, *pick, thread_index, ++*counter);
    };
  };
}

}  // namespace

OperationFactory mongo_book_insert(const MongoTarget& target, const Seed& seed) {
  require(seed.words, "words");
  return per_thread(target, [&seed](const HeldClient& client, RandomPick& pick, std::size_t thread,
                                    std::uint64_t n) {
    Book book;
    book.fields = sample_book(seed.words, pick, "raw", thread, n);
    book.created_at = book.updated_at = clock::now_ms();
    bson_oid_t oid;
    bson_oid_init(&oid, nullptr);
    const Bson doc = mongo::book_document(book, oid);
    return mongoc_collection_insert_one(client.books(), doc.get(), nullptr, nullptr, nullptr);
  });
}

OperationFactory mongo_book_find(const MongoTarget& target, const Seed& seed) {
  require(seed.book_ids, "books");
  return per_thread(
      target, [&seed](const HeldClient& client, RandomPick& pick, std::size_t, std::uint64_t) {
        return find_by_id(client.books(), pick.one_of(seed.book_ids));
      });
}

OperationFactory mongo_book_search(const MongoTarget& target, const Seed& seed) {
  require(seed.words, "words");
  return per_thread(
      target, [&seed](const HeldClient& client, RandomPick& pick, std::size_t, std::uint64_t) {
        BookFilter filter;
        filter.q = pick.one_of(seed.words);
        // The default page of 20. No search outlives a step: without the bound the server goes
        // on scanning for abandoned ones and slows the steps after.
        try {
          mongo::list_by_scan(client.books(), filter, std::nullopt, 20,
                              std::chrono::milliseconds(10'000), "books.search");
          return true;
        } catch (const Error&) {
          return false;
        }
      });
}

OperationFactory mongo_order_books(const MongoTarget& target, const Seed& seed) {
  require(seed.book_ids, "books");
  const bool lock_needed = [&target] {
    const HeldClient held(std::make_shared<ClientPool>(target.url), target.database);
    return mongo::learn_book_write_guard(held.client(), target.database) ==
           mongo::BookWriteGuard::lock_per_write;
  }();
  return per_thread(target, [&seed, lock_needed](const HeldClient& client, RandomPick& pick,
                                                 std::size_t thread, std::uint64_t n) {
    const auto [first, second] = pick.two_of(seed.book_ids);
    // Unique among the run's writers, as the adapter's random lock tokens are.
    const auto token = static_cast<std::int64_t>((thread << 40) | n);
    // S2 reserves each book's stock by a step that also answers with the book, which prices it.
    return take_one_copy(client.books(), client.locks(), *first, token, lock_needed) &&
           take_one_copy(client.books(), client.locks(), *second, token, lock_needed);
  });
}

std::vector<std::string> mongo_seed_books(const MongoTarget& target, std::size_t count,
                                          const std::vector<std::string>& words) {
  require(words, "words");
  constexpr std::size_t kBatch = 1000;
  const HeldClient held(std::make_shared<ClientPool>(target.url), target.database);
  RandomPick pick(0);
  std::vector<std::string> ids;
  ids.reserve(count);
  while (ids.size() < count) {
    std::vector<Bson> docs;
    docs.reserve(kBatch);
    // A plain array: bson_t's alignment attribute would be dropped as a template argument.
    const bson_t* views[kBatch];
    std::size_t batch = 0;
    for (; batch < kBatch && ids.size() < count; ++batch) {
      Book book;
      book.fields = sample_book(words, pick, "bulk", 0, ids.size());
      book.fields["stock"] = 100000000;  // as bench_seed's: no run can sell one out
      book.created_at = book.updated_at = clock::now_ms();
      bson_oid_t oid;
      bson_oid_init(&oid, nullptr);
      char hex[25];
      bson_oid_to_string(&oid, hex);
      ids.emplace_back(hex);
      docs.push_back(mongo::book_document(book, oid));
      views[batch] = docs.back().get();
    }
    bson_error_t error;
    if (!mongoc_collection_insert_many(held.books(), views, batch, nullptr, nullptr, &error)) {
      throw std::runtime_error(std::string("bulk insert of books failed: ") + error.message);
    }
  }
  return ids;
}

void mongo_drop_database(const MongoTarget& target) {
  const HeldClient held(std::make_shared<ClientPool>(target.url), target.database);
  std::unique_ptr<mongoc_database_t, decltype(&mongoc_database_destroy)> database(
      mongoc_client_get_database(held.client(), target.database.c_str()), &mongoc_database_destroy);
  bson_error_t error;
  if (!mongoc_database_drop(database.get(), &error)) {
    throw std::runtime_error(std::string("cannot drop the bench database: ") + error.message);
  }
}

}  // namespace ld::bench
