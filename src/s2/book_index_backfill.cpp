#include "s2/book_index_backfill.hpp"

#include <condition_variable>
#include <exception>
#include <mutex>

#include "core/log.hpp"
#include "domain/books/indexed_book_repository.hpp"

namespace ld::s2 {

BookIndexBackfill::BookIndexBackfill(BookRepository& books, BookIndex& index,
                                     std::chrono::milliseconds retry_every)
    : books_(books), index_(index), retry_every_(retry_every) {
  thread_ = std::jthread([this](std::stop_token stop) { run(stop); });
}

void BookIndexBackfill::run(std::stop_token stop) {
  std::mutex mutex;
  std::condition_variable_any wake;
  bool failing = false;
  while (!stop.stop_requested()) {
    try {
      const auto started = std::chrono::steady_clock::now();
      const auto read = backfill_book_index(books_, index_, stop);
      if (stop.stop_requested()) return;
      if (read > 0) {
        const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
        log::event(spdlog::level::info, "book index back-filled",
                   {{"books", read}, {"seconds", took.count()}});
      }
      return;
    } catch (const std::exception& e) {
      if (!failing) {
        log::event(spdlog::level::warn, "book index back-fill failed; lists read MongoDB alone",
                   {{"error", e.what()}});
      }
      failing = true;
    }
    std::unique_lock lock(mutex);
    wake.wait_for(lock, stop, retry_every_, [] { return false; });
  }
}

}  // namespace ld::s2
