#include "storage/mongo/mongo_book_repository.hpp"

#include <algorithm>

#include "core/clock.hpp"
#include "domain/books/book_json.hpp"
#include "storage/mongo/book_document.hpp"
#include "storage/mongo/book_keys.hpp"
#include "storage/mongo/book_lock.hpp"
#include "storage/mongo/book_lookup.hpp"
#include "storage/mongo/book_query.hpp"
#include "storage/mongo/mongo_errors.hpp"
#include "storage/mongo/stock_pending_backfill.hpp"

namespace ld::mongo {

namespace {

// How long the one-off stock_pending back-fill may take: FerretDB reads the whole catalog for it.
constexpr std::chrono::milliseconds kBackfillTimeout{std::chrono::minutes(5)};

// After a failed write of version `version` of a book, the claims it made are given back only
// when that version surely did not land: a timeout may hide a write that did, and then its
// claims must stay.
void give_back_claims(BookKeys& claims, const std::vector<BookKey>& keys,
                      mongoc_collection_t* books, const bson_oid_t& oid, const bson_error_t& error,
                      clock::Millis version, std::chrono::milliseconds max_time) {
  if (keys.empty()) return;
  if (is_unavailable(error)) {
    try {
      const auto book = find_book(books, oid, "books.find", max_time);
      if (book && book->updated_at == version) return;
    } catch (const Error&) {
      return;  // cannot tell: leave the claims, they are taken over later if unused
    }
  }
  claims.release(keys, oid);
}

}  // namespace

Book MongoBookRepository::insert(const Book& book, bool maybe_stored) {
  return pool_.run("books.create", [&](PooledClient& client) {
    auto books_coll = book_collection(client, database_);
    auto keys_coll = key_collection(client, database_);
    bson_oid_t oid;
    if (const auto given = parse_oid(book.id)) {
      oid = *given;
      // An earlier attempt of the same request stored it and died before answering.
      if (maybe_stored) {
        if (auto earlier = find_book(books_coll.get(), oid, "books.find", pool_.timeout()))
          return *earlier;
      }
    } else {
      bson_oid_init(&oid, nullptr);
    }
    Book stored = book;
    stored.id = oid_hex(oid);
    stored.created_at = stored.updated_at = clock::now_ms();
    const auto unique = keys_of(stored.fields);
    BookKeys claims(keys_coll.get(), books_coll.get(), pool_.timeout());
    claims.claim(unique, oid);
    Bson doc = book_document(stored, oid);
    bson_error_t error;
    if (!mongoc_collection_insert_one(books_coll.get(), doc.get(), nullptr, nullptr, &error)) {
      // Another attempt with the same promised id got there first: its book is the answer.
      if (is_duplicate_key(error)) {
        if (auto earlier = find_book(books_coll.get(), oid, "books.find", pool_.timeout()))
          return *earlier;
      }
      give_back_claims(claims, unique, books_coll.get(), oid, error, stored.updated_at,
                       pool_.timeout());
      throw_driver_error(error, "books.insert");
    }
    return stored;
  });
}

std::optional<Book> MongoBookRepository::find(const std::string& id) {
  const auto oid = parse_oid(id);
  if (!oid) return std::nullopt;
  return pool_.run("books.find", [&](PooledClient& client) {
    return find_book(book_collection(client, database_).get(), *oid, "books.find", pool_.timeout());
  });
}

std::vector<Book> MongoBookRepository::find_each(const std::vector<std::string>& ids) {
  return pool_.run("books.find_each", [&](PooledClient& client) {
    auto books_coll = book_collection(client, database_);
    std::vector<Book> found;
    found.reserve(ids.size());
    for (const auto& id : ids) {
      const auto oid = parse_oid(id);
      if (!oid) continue;
      if (auto book = find_book(books_coll.get(), *oid, "books.find", pool_.timeout())) {
        found.push_back(std::move(*book));
      }
    }
    return found;
  });
}

void MongoBookRepository::each(const std::function<void(const Book&)>& visit) {
  pool_.run("books.each", [&](PooledClient& client) {
    auto books_coll = book_collection(client, database_);
    Bson all;
    Bson opts;
    bson_append_int32(opts.get(), "batchSize", -1, 500);
    Cursor cursor(
        mongoc_collection_find_with_opts(books_coll.get(), all.get(), opts.get(), nullptr));
    const bson_t* doc = nullptr;
    while (mongoc_cursor_next(cursor.get(), &doc)) visit(book_from_document(doc));
    bson_error_t error;
    if (mongoc_cursor_error(cursor.get(), &error)) throw_driver_error(error, "books.each");
  });
}

// What S2 lists by until the book index in PostgreSQL is complete (book_query.hpp).
Page<Book> MongoBookRepository::list(const BookFilter& filter, const PageRequest& page) {
  std::optional<bson_oid_t> after;
  if (page.after) {
    const auto id = books::position_id(*page.after);
    if (!id) throw invalid_field("cursor", "is not a cursor from a previous page");
    after = parse_oid(*id);
  }
  const int limit = std::clamp(page.limit, 1, 100);
  return pool_.run("books.list", [&](PooledClient& client) {
    auto books_coll = book_collection(client, database_);
    return list_by_scan(books_coll.get(), filter, after, limit, pool_.timeout(), "books.list");
  });
}

std::optional<Book> MongoBookRepository::update(const Book& read, const Book& changed) {
  const auto oid = parse_oid(read.id);
  if (!oid) return std::nullopt;
  return pool_.run("books.update", [&](PooledClient& client) -> std::optional<Book> {
    auto books_coll = book_collection(client, database_);
    auto keys_coll = key_collection(client, database_);
    auto locks_coll = lock_collection(client, database_);
    const auto lock = writes_.lock(locks_coll.get(), *oid);
    return writes_.rerun_while_stale([&]() -> std::optional<Book> {
      const auto current_doc =
          find_book_document(books_coll.get(), *oid, "books.find", pool_.timeout());
      if (!current_doc) return std::nullopt;
      const Book current = book_from_document(current_doc->get());
      if (current.updated_at != read.updated_at) {
        throw conflict_state("The book was changed by another request; read it again and retry.");
      }
      Book stored = changed;
      stored.id = read.id;
      // Holds and returns move the stock without a new version: the count read before may be
      // stale, and writing it back would undo them.
      if (const auto stock = stock_to_store(read, changed, current.stock())) {
        stored.fields["stock"] = *stock;
      }
      stored.created_at = current.created_at;
      // Strictly later than the version replaced, so the compare-and-set below never confuses
      // two versions written within one millisecond.
      stored.updated_at = std::max(clock::now_ms(), current.updated_at + 1);
      const auto old_keys = keys_of(current.fields);
      const auto new_keys = keys_of(stored.fields);
      const auto added = keys_missing_from(new_keys, old_keys);
      BookKeys claims(keys_coll.get(), books_coll.get(), pool_.timeout());
      claims.claim(added, *oid);

      // Only the book as read: the same version (updated_at, which holds leave alone) and no
      // hold or return since (revision, which every write moves).
      Bson filter = as_read_filter(*oid, revision_of(current_doc->get()));
      bson_append_date_time(filter.get(), "updated_at", -1, current.updated_at);
      Bson doc = book_document(stored, *oid);
      // Holds and returns of orders stay recorded as read here: a write that another overtook
      // is refused (book_writes.hpp).
      copy_stock_ledgers(current_doc->get(), doc.get());
      bson_append_int64(doc.get(), kRevision, -1, revision_of(current_doc->get()) + 1);
      Reply reply;
      bson_error_t error;
      if (!mongoc_collection_replace_one(books_coll.get(), filter.get(), doc.get(), nullptr,
                                         reply.out(), &error)) {
        give_back_claims(claims, added, books_coll.get(), *oid, error, stored.updated_at,
                         pool_.timeout());
        throw_driver_error(error, "books.replace");
      }
      if (matched_count(reply.get()) != 1) {
        // Gone, changed or only moved by a hold: read again, which tells which.
        claims.release(added, *oid);
        throw StaleWrite("books.replace: the book changed after it was read");
      }
      claims.release(keys_missing_from(old_keys, new_keys), *oid);
      return stored;
    });
  });
}

bool MongoBookRepository::remove(const std::string& id) {
  const auto oid = parse_oid(id);
  if (!oid) return false;
  return pool_.run("books.remove", [&](PooledClient& client) {
    auto books_coll = book_collection(client, database_);
    auto keys_coll = key_collection(client, database_);
    auto locks_coll = lock_collection(client, database_);
    const auto lock = writes_.lock(locks_coll.get(), *oid);
    Bson query = id_filter(*oid);
    const FindAndModifyOpts opts(mongoc_find_and_modify_opts_new());
    mongoc_find_and_modify_opts_set_flags(opts.get(), MONGOC_FIND_AND_MODIFY_REMOVE);
    const auto removed = find_and_modify(books_coll.get(), query.get(), opts.get(), "books.remove");
    if (!removed) return false;
    const Book gone = book_from_document(removed->get());
    // The book is gone whatever happens now; a claim left behind is taken over later.
    BookKeys(keys_coll.get(), books_coll.get(), pool_.timeout())
        .release(keys_of(gone.fields), *oid);
    return true;
  });
}

// The count from the collection's statistics (collStats), which no server computes by reading
// the books: /stats must answer quickly whatever the catalog's size, and FerretDB answers a
// count by reading every document. On FerretDB's PostgreSQL backend it is the planner's
// estimate, refreshed by autovacuum; a table too new to have one is counted exactly (it is small).
std::int64_t MongoBookRepository::count() {
  return pool_.run("books.count", [&](PooledClient& client) {
    auto books_coll = book_collection(client, database_);
    Bson command;
    bson_append_utf8(command.get(), "collStats", -1, "books", -1);
    limit_server_time(command.get(), pool_.timeout());
    Reply reply;
    bson_error_t error;
    bson_iter_t estimate;
    if (mongoc_collection_read_command_with_opts(books_coll.get(), command.get(), nullptr, nullptr,
                                                 reply.out(), &error) &&
        bson_iter_init_find(&estimate, reply.get(), "count") && BSON_ITER_HOLDS_NUMBER(&estimate) &&
        bson_iter_as_int64(&estimate) > 0) {
      return bson_iter_as_int64(&estimate);
    }
    Bson all;
    Bson opts;
    limit_server_time(opts.get(), pool_.timeout());
    const auto n = mongoc_collection_count_documents(books_coll.get(), all.get(), opts.get(),
                                                     nullptr, nullptr, &error);
    if (n < 0) throw_driver_error(error, "books.count");
    return n;
  });
}

void MongoBookRepository::ensure_indexes() {
  pool_.run("books.ensure_indexes", [&](PooledClient& client) {
    auto books_coll = book_collection(client, database_);
    create_index(books_coll.get(), "stock_pending", kStockPending, Unique::no,
                 "books.ensure_indexes");
    // Indexes of fields books no longer carry, from before lists went through the book index in
    // PostgreSQL: dead weight on every write (each stock change updated all of them). Already
    // gone is the usual answer.
    for (const char* retired :
         {kRetiredSearchGrams, "search_authors", "search_categories", "language"}) {
      drop_index(books_coll.get(), retired, "books.ensure_indexes");
    }
    auto migrations = client.collection(database_, "migrations");
    if (!stock_pending_backfilled(migrations.get())) {
      // FerretDB reads every book for it: on a client that waits long enough for that, once.
      const auto patient = pool_.own_client(kBackfillTimeout);
      const Collection books(
          mongoc_client_get_collection(patient->get(), database_.c_str(), "books"));
      // Other S2s may be writing these books meanwhile: a refused run is made again.
      writes_.rerun_while_stale([&] { return backfill_stock_pending(books.get()); });
      record_stock_pending_backfilled(migrations.get());
    }
  });
}

}  // namespace ld::mongo
