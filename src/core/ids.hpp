// Identifiers of the three kinds of entity, each in the form its store gives it:
// customers a positive 64-bit integer (PostgreSQL identity), books a 24-hex ObjectId (MongoDB),
// orders a UUIDv7 (made here, time-ordered so Redis indexes sort by creation).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ld::ids {

// Positive decimal without sign or leading zeros, up to 2^63-1.
std::optional<std::int64_t> parse_customer_id(std::string_view text);

// 24 hex digits, either case; returned lowercase.
std::optional<std::string> parse_book_id(std::string_view text);

// Canonical 8-4-4-4-12 UUID text, either case; returned lowercase.
std::optional<std::string> parse_order_id(std::string_view text);

// A new UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then random bits.
std::string new_uuid_v7();

// The book id promised to a POST /books with an Idempotency-Key, made from the request's promised
// UUIDv7 (canonical text): its time in seconds, then its last 8 bytes, the same shape as an
// ObjectId the driver makes (time first, so books still sort by creation).
std::string book_id_from_promise(std::string_view uuid);

// A new book id, made as a MongoDB driver makes an ObjectId (seconds, a per-process random
// value, a counter), for a book whose id must be known before it is stored.
std::string new_book_id();

// A random id for requests that arrive without a usable X-Request-Id.
std::string new_request_id();

}  // namespace ld::ids
