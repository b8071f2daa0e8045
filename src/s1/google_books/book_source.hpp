// Where S1's books come from: Google Books (live), the offline catalog, or Google with the
// catalog as the fallback. Each volume becomes an api.md book body through one mapping, so both
// sources give books of the same shape.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "s1/google_books/google_error.hpp"
#include "s1/google_books/google_exchange.hpp"

namespace ld::s1::google_books {

inline constexpr const char* kPublicBaseUrl = "https://www.googleapis.com/books/v1";

struct BookSourceOptions {
  std::string mode = "auto";         // auto | google | offline
  std::string base_url;              // empty: GOOGLE_BOOKS_API_URL, else kPublicBaseUrl
  std::string api_key;               // empty: GOOGLE_BOOKS_API_KEY; never printed or logged
  std::vector<std::string> queries;  // empty: default_queries()
  std::string lang_restrict;
  int retries = 3;
  std::chrono::milliseconds timeout{10000};
  std::string catalog_dir;  // empty: default_catalog_dir()
  std::uint64_t seed = 1;
  std::chrono::milliseconds backoff_base{500};  // first retry waits up to this, then doubling
};

struct BookBatch {
  std::vector<nlohmann::json> books;
  std::string source;   // "google" | "offline"
  std::string warning;  // non-empty when auto fell back, or Google had fewer books than asked
};

// Subjects in Portuguese and English, taken in turn one page at a time.
const std::vector<std::string>& default_queries();

// Up to `count` distinct books. Modes: offline reads only the catalog; google throws
// GoogleBooksError when Google Books fails or finds nothing; auto tries Google and, when it
// fails or finds nothing, uses the catalog and says so once in `warning`. Throws
// std::invalid_argument for an unknown mode and std::runtime_error when the catalog is needed
// but unreadable. `observe` (may be empty) sees every HTTP attempt.
BookBatch fetch_books(std::size_t count, const BookSourceOptions& options,
                      const GoogleObserver& observe);

}  // namespace ld::s1::google_books
