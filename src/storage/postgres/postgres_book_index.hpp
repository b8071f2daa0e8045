// BookIndex on PostgreSQL: the book_index table (schemas/postgresql/003_book_index.sql), one row
// a book, and book_index_state, which records the back-fill's end.
#pragma once

#include <functional>
#include <vector>

#include "core/metrics.hpp"
#include "domain/books/book_index.hpp"
#include "storage/postgres/postgres_pool.hpp"
#include "storage/postgres/statement.hpp"

namespace ld::postgres {

class PostgresBookIndex final : public BookIndex {
 public:
  // `schema_ready` runs before every operation (it applies pending migrations when S2 started
  // while the server was down).
  PostgresBookIndex(PostgresPool& pool, Metrics& metrics, std::function<void()> schema_ready);

  // The statements this index runs, for the pool to prepare on each connection.
  static std::vector<Statement> statements();

  void widen(const BookIndexEntry& entry) override;
  void widen_all(const std::vector<BookIndexEntry>& entries) override;
  void narrow(const BookIndexEntry& entry, clock::Millis version) override;
  void forget(const std::string& book_id) override;
  std::vector<std::string> ids(const BookFilter& filter, const std::optional<std::string>& after,
                               int count) override;
  bool complete() override;
  void mark_complete() override;

 private:
  template <class Work>
  auto run(Work&& work) {
    schema_ready_();
    return pool_.run(std::forward<Work>(work));
  }

  PostgresPool& pool_;
  Metrics& metrics_;
  std::function<void()> schema_ready_;
};

// The LIKE pattern that finds `text` anywhere, with LIKE's own characters (% _ \) escaped so the
// client's text is only ever matched literally.
std::string contains_pattern(std::string_view text);

}  // namespace ld::postgres
