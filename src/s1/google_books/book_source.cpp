#include "s1/google_books/book_source.hpp"

#include <cstdlib>
#include <numeric>
#include <stdexcept>

#include <fmt/format.h>

#include "s1/generator/random.hpp"
#include "s1/google_books/distinct_books.hpp"
#include "s1/google_books/offline_catalog.hpp"
#include "s1/google_books/volume_mapping.hpp"
#include "s1/google_books/volume_search.hpp"
#include "s1/google_books/volumes_query.hpp"

namespace ld::s1::google_books {

namespace {

using nlohmann::json;

std::string from_env(const std::string& given, const char* name, const char* fallback) {
  if (!given.empty()) return given;
  const char* value = std::getenv(name);
  return value && *value ? value : fallback;
}

// Books from the catalog in an order drawn from the seed, so runs with other seeds sell other
// books. A language restriction keeps the tags that start with it, as Google's does.
std::vector<json> offline_books(std::size_t count, const BookSourceOptions& options) {
  const auto dir = options.catalog_dir.empty() ? default_catalog_dir() : options.catalog_dir;
  const auto volumes = load_catalog(dir);
  std::vector<std::size_t> order(volumes.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  Random shuffle(options.seed ^ 0x0ff11e0ca7a1065ULL);
  for (std::size_t i = order.size(); i > 1; --i) {
    std::swap(order[i - 1], order[static_cast<std::size_t>(shuffle.below(i))]);
  }
  DistinctBooks books;
  for (const auto index : order) {
    if (books.size() == count) break;
    auto book = map_volume(volumes[index], options.seed);
    if (!book) continue;
    const auto language = book->value("language", std::string{});
    if (!options.lang_restrict.empty() && language.rfind(options.lang_restrict, 0) != 0) continue;
    books.add(std::move(*book));
  }
  return books.take();
}

// One page per query in turn, until `count` distinct books or every query has run dry: a short
// or empty page ends a query (totalItems is an estimate, not a count). The cap on pages keeps a
// search whose results are all repeats from going on forever.
std::vector<json> google_books(std::size_t count, const BookSourceOptions& options,
                               const GoogleObserver& observe) {
  SearchSettings settings;
  settings.base_url = from_env(options.base_url, "GOOGLE_BOOKS_API_URL", kPublicBaseUrl);
  settings.api_key = from_env(options.api_key, "GOOGLE_BOOKS_API_KEY", "");
  settings.lang_restrict = options.lang_restrict;
  settings.retry.retries = options.retries;
  settings.retry.base = options.backoff_base;
  // Google's quota comes back slowly: let its waits grow further than S2's.
  settings.retry.cap = std::chrono::milliseconds(10'000);
  settings.timeout = options.timeout;
  settings.jitter_seed = options.seed ^ 0x5eedULL;
  VolumeSearch search(std::move(settings), observe);

  const auto& queries = options.queries.empty() ? default_queries() : options.queries;
  std::vector<std::size_t> next_start(queries.size(), 0);
  std::vector<bool> dry(queries.size(), false);
  std::size_t turn = static_cast<std::size_t>(options.seed % queries.size());
  const std::size_t max_pages = 20 + 3 * (count / kMaxResults + 1) * queries.size();

  DistinctBooks books;
  for (std::size_t pages = 0; books.size() < count && pages < max_pages; ++pages) {
    std::size_t tried = 0;
    while (dry[turn] && tried++ < queries.size()) turn = (turn + 1) % queries.size();
    if (dry[turn]) break;
    const auto items = search.page(queries[turn], next_start[turn]);
    for (const auto& volume : items) {
      if (books.size() == count) break;
      if (auto book = map_volume(volume, options.seed)) books.add(std::move(*book));
    }
    next_start[turn] += items.size();
    if (items.size() < kMaxResults) dry[turn] = true;
    turn = (turn + 1) % queries.size();
  }
  return books.take();
}

BookBatch from_catalog(std::size_t count, const BookSourceOptions& options, std::string warning) {
  BookBatch batch{offline_books(count, options), "offline", std::move(warning)};
  if (batch.books.size() < count) {
    const auto note = fmt::format("the offline catalog has only {} books for the {} asked for",
                                  batch.books.size(), count);
    batch.warning = batch.warning.empty() ? note : batch.warning + "; " + note;
  }
  return batch;
}

}  // namespace

const std::vector<std::string>& default_queries() {
  static const std::vector<std::string> queries = {
      "subject:fiction", "literatura brasileira", "subject:computers", "machado de assis",
      "subject:poetry",  "programming",           "subject:history",   "romance brasileiro"};
  return queries;
}

BookBatch fetch_books(std::size_t count, const BookSourceOptions& options,
                      const GoogleObserver& observe) {
  if (options.mode != "auto" && options.mode != "google" && options.mode != "offline") {
    throw std::invalid_argument("unknown books source \"" + options.mode +
                                "\" (expected auto, google or offline)");
  }
  if (options.mode == "offline") return from_catalog(count, options, "");
  if (count == 0) return {{}, "google", ""};

  std::vector<json> books;
  try {
    books = google_books(count, options, observe);
  } catch (const GoogleBooksError& e) {
    if (options.mode == "google") throw;
    return from_catalog(count, options,
                        fmt::format("{}; using the offline catalog instead", e.what()));
  }
  if (books.empty()) {
    const auto message = "Google Books found no books for the queries";
    if (options.mode == "google") throw GoogleBooksError(Answer::ok, message);
    return from_catalog(count, options,
                        fmt::format("{}; using the offline catalog instead", message));
  }
  std::string warning;
  if (books.size() < count) {
    warning = fmt::format("Google Books had only {} distinct books for the queries ({} asked for)",
                          books.size(), count);
  }
  return {std::move(books), "google", std::move(warning)};
}

}  // namespace ld::s1::google_books
