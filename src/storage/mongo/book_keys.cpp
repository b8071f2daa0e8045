#include "storage/mongo/book_keys.hpp"

#include <algorithm>
#include <array>

#include <spdlog/spdlog.h>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "storage/mongo/book_lookup.hpp"
#include "storage/mongo/bson_doc.hpp"
#include "storage/mongo/mongo_errors.hpp"
#include "storage/mongo/mongo_pool.hpp"

namespace ld::mongo {

namespace {

constexpr std::array<std::pair<const char*, const char*>, 3> kUniqueFields = {{
    {"isbn_13", "isbn13:"},
    {"isbn_10", "isbn10:"},
    {"google_volume_id", "volume:"},
}};

Bson by_id(const std::string& id) {
  Bson doc;
  bson_append_utf8(doc.get(), "_id", -1, id.data(), static_cast<int>(id.size()));
  return doc;
}

Bson by_id_and_book(const std::string& id, const bson_oid_t& book) {
  Bson doc = by_id(id);
  bson_append_oid(doc.get(), "book", -1, &book);
  return doc;
}

}  // namespace

std::string BookKey::id() const {
  for (const auto& [name, prefix] : kUniqueFields) {
    if (field == name) return prefix + value;
  }
  return field + ":" + value;
}

std::vector<BookKey> keys_of(const nlohmann::json& fields) {
  std::vector<BookKey> keys;
  for (const auto& [name, prefix] : kUniqueFields) {
    const auto it = fields.find(name);
    if (it != fields.end() && it->is_string()) keys.push_back({name, it->get<std::string>()});
  }
  return keys;
}

std::vector<BookKey> keys_missing_from(const std::vector<BookKey>& a,
                                       const std::vector<BookKey>& b) {
  std::vector<BookKey> out;
  for (const auto& key : a) {
    if (std::find(b.begin(), b.end(), key) == b.end()) out.push_back(key);
  }
  return out;
}

void BookKeys::claim(const std::vector<BookKey>& keys, const bson_oid_t& owner) {
  std::vector<BookKey> claimed;
  std::vector<FieldError> taken;
  for (const auto& key : keys) {
    Bson doc = by_id_and_book(key.id(), owner);
    bson_append_date_time(doc.get(), "at", -1, clock::now_ms());
    bson_error_t error;
    if (mongoc_collection_insert_one(keys_, doc.get(), nullptr, nullptr, &error)) {
      claimed.push_back(key);
      continue;
    }
    if (!is_duplicate_key(error)) {
      release(claimed, owner);
      throw_driver_error(error, "book_keys.claim");
    }
    bool ours = false;
    try {
      ours = take_over(key, owner);
    } catch (...) {
      release(claimed, owner);
      throw;
    }
    if (ours) {
      claimed.push_back(key);
    } else {
      taken.push_back({key.field, "is already used by another book"});
    }
  }
  if (!taken.empty()) {
    release(claimed, owner);
    std::string detail = "Another book already has this " + taken.front().field + ".";
    throw Error(ErrorKind::conflict, std::move(detail), std::move(taken));
  }
}

bool BookKeys::take_over(const BookKey& key, const bson_oid_t& owner) {
  bson_error_t error;
  Bson filter = by_id(key.id());
  Bson opts;
  limit_server_time(opts.get(), max_time_);
  Cursor cursor(mongoc_collection_find_with_opts(keys_, filter.get(), opts.get(), nullptr));
  const bson_t* found = nullptr;
  const bool exists = mongoc_cursor_next(cursor.get(), &found);
  if (mongoc_cursor_error(cursor.get(), &error)) throw_driver_error(error, "book_keys.find");
  if (!exists) return false;  // given back meanwhile: still reported as taken, the client retries
  bson_iter_t iter;
  if (!bson_iter_init_find(&iter, found, "book") || !BSON_ITER_HOLDS_OID(&iter)) return false;
  bson_oid_t holder;
  bson_oid_copy(bson_iter_oid(&iter), &holder);
  if (bson_oid_equal(&holder, &owner)) return true;
  if (bson_iter_init_find(&iter, found, "at") && BSON_ITER_HOLDS_DATE_TIME(&iter) &&
      clock::now_ms() - bson_iter_date_time(&iter) <
          std::chrono::duration_cast<std::chrono::milliseconds>(kClaimGrace).count()) {
    return false;
  }
  // Is the value still the holder's? Then the claim is live.
  Bson book_filter;
  bson_append_oid(book_filter.get(), "_id", -1, &holder);
  bson_append_utf8(book_filter.get(), key.field.c_str(), -1, key.value.data(),
                   static_cast<int>(key.value.size()));
  const auto live = mongoc_collection_count_documents(books_, book_filter.get(), nullptr, nullptr,
                                                      nullptr, &error);
  if (live < 0) throw_driver_error(error, "books.count");
  if (live > 0) return false;
  // Conditional on the holder, so of two books taking over the same claim only one wins.
  Bson update;
  bson_t set;
  bson_append_document_begin(update.get(), "$set", -1, &set);
  bson_append_oid(&set, "book", -1, &owner);
  bson_append_date_time(&set, "at", -1, clock::now_ms());
  bson_append_document_end(update.get(), &set);
  Reply reply;
  Bson condition = by_id_and_book(key.id(), holder);
  if (!mongoc_collection_update_one(keys_, condition.get(), update.get(), nullptr, reply.out(),
                                    &error)) {
    throw_driver_error(error, "book_keys.take_over");
  }
  const bool won = matched_count(reply.get()) == 1;
  if (won) spdlog::info("book key {} taken over from a book that no longer holds it", key.id());
  return won;
}

bool BookKeys::release(const std::vector<BookKey>& keys, const bson_oid_t& owner) noexcept {
  bool all = true;
  for (const auto& key : keys) {
    try {
      bson_error_t error;
      Bson filter = by_id_and_book(key.id(), owner);
      if (!mongoc_collection_delete_one(keys_, filter.get(), nullptr, nullptr, &error)) {
        spdlog::warn("book key {} stays claimed until taken over: {}", key.id(), error.message);
        all = false;
      }
    } catch (...) {
      all = false;  // only logging can throw here; the key is then simply left for take-over
    }
  }
  return all;
}

}  // namespace ld::mongo
