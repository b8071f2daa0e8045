// "Unique when present" for isbn_13, isbn_10 and google_volume_id without sparse or partial
// indexes (FerretDB has neither): the book_keys collection holds one document per value in use,
//   { _id: "isbn13:9788535902778", book: ObjectId, at: Date },
// claimed (inserted) before the book is written and given back if that write fails. The _id
// index makes the claim atomic: of two books racing for one ISBN, exactly one insert succeeds.
//
// A claim left behind by a crash between the two writes would block its value for ever, so a
// claim older than a grace period whose book no longer carries the value is taken over.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include <mongoc/mongoc.h>
#include <nlohmann/json.hpp>

namespace ld::mongo {

struct BookKey {
  std::string field;       // the book's field: "isbn_13", "isbn_10" or "google_volume_id"
  std::string value;       // its normalised value
  std::string id() const;  // the claim's _id: "isbn13:<digits>", "isbn10:...", "volume:..."
  bool operator==(const BookKey&) const = default;
};

// The unique values a book's fields hold.
std::vector<BookKey> keys_of(const nlohmann::json& fields);
// The keys in `a` that are not in `b`.
std::vector<BookKey> keys_missing_from(const std::vector<BookKey>& a,
                                       const std::vector<BookKey>& b);

// Longer than any single write can take, so a claim whose book is still being written is never
// mistaken for one a crash left behind.
inline constexpr std::chrono::seconds kClaimGrace{60};

class BookKeys {
 public:
  // `max_time`: how long the server may spend on one read of a claim (maxTimeMS).
  BookKeys(mongoc_collection_t* keys, mongoc_collection_t* books,
           std::chrono::milliseconds max_time)
      : keys_(keys), books_(books), max_time_(max_time) {}

  // Claims every key for `owner`. When any is held by another book, gives back the ones it did
  // claim and throws a 409 naming each taken field. Driver errors throw (mongo_errors.hpp).
  void claim(const std::vector<BookKey>& keys, const bson_oid_t& owner);

  // Gives back the keys `owner` holds. Best effort: a claim that stays behind is harmless (it
  // names its book, and is taken over after the grace period); returns false if any remained.
  bool release(const std::vector<BookKey>& keys, const bson_oid_t& owner) noexcept;

 private:
  bool take_over(const BookKey& key, const bson_oid_t& owner);

  mongoc_collection_t* keys_;
  mongoc_collection_t* books_;
  std::chrono::milliseconds max_time_;
};

}  // namespace ld::mongo
