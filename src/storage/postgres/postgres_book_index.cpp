#include "storage/postgres/postgres_book_index.hpp"

#include <nlohmann/json.hpp>

#include "core/text.hpp"

namespace ld::postgres {

namespace {

// Widens the rows of many books: a JSON array of {"id", "texts", "authors", "categories",
// "languages"}, each id once (a row cannot be updated twice by one statement).
const Statement kWidenRows{"widen_book_rows", R"(
  INSERT INTO book_index AS r (book_id, texts, authors, categories, languages)
  SELECT e->>'id', book_index_list(e->'texts'), book_index_list(e->'authors'),
         book_index_list(e->'categories'), book_index_list(e->'languages')
  FROM jsonb_array_elements($1::jsonb) AS e
  ON CONFLICT (book_id) DO UPDATE
  SET texts = book_index_union(r.texts, EXCLUDED.texts),
      authors = book_index_union(r.authors, EXCLUDED.authors),
      categories = book_index_union(r.categories, EXCLUDED.categories),
      languages = book_index_union(r.languages, EXCLUDED.languages))"};

const Statement kNarrowRow{"narrow_book_row", R"(
  INSERT INTO book_index AS r (book_id, texts, authors, categories, languages, version)
  VALUES ($1, book_index_list($2::jsonb), book_index_list($3::jsonb), book_index_list($4::jsonb),
          book_index_list($5::jsonb), $6)
  ON CONFLICT (book_id) DO UPDATE
  SET texts = EXCLUDED.texts, authors = EXCLUDED.authors, categories = EXCLUDED.categories,
      languages = EXCLUDED.languages, version = EXCLUDED.version
  WHERE r.version <= EXCLUDED.version)"};

const Statement kForgetRow{"forget_book_row", "DELETE FROM book_index WHERE book_id = $1"};

// One statement for every combination of filters; an absent filter is NULL. It is planned per
// call (execute_planned_per_call), for the values given: the NULL tests fold away, and the
// planner picks the trigram or array index for a rare value and a walk of the primary key in
// order for a common one.
const Statement kBookIds{"list_book_ids", R"(
  SELECT book_id FROM book_index
  WHERE book_id > $1
    AND ($2::text IS NULL OR search_text LIKE $2::text ESCAPE '\')
    AND ($3::text IS NULL OR authors @> ARRAY[$3::text])
    AND ($4::text IS NULL OR categories @> ARRAY[$4::text])
    AND ($5::text IS NULL OR languages @> ARRAY[$5::text])
  ORDER BY book_id LIMIT $6)"};

const Statement kIndexComplete{"book_index_complete", "SELECT 1 FROM book_index_state"};
const Statement kMarkComplete{"mark_book_index_complete", R"(
  INSERT INTO book_index_state (backfilled_at) VALUES (now()) ON CONFLICT DO NOTHING)"};

std::string json_list(const std::vector<std::string>& values) {
  return nlohmann::json(values).dump();
}

std::optional<std::string> folded(const std::optional<std::string>& value) {
  if (!value) return std::nullopt;
  return text::fold_case(*value);
}

}  // namespace

std::string contains_pattern(std::string_view text) {
  std::string out = "%";
  for (const char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  out += '%';
  return out;
}

PostgresBookIndex::PostgresBookIndex(PostgresPool& pool, Metrics& metrics,
                                     std::function<void()> schema_ready)
    : pool_(pool), metrics_(metrics), schema_ready_(std::move(schema_ready)) {}

std::vector<Statement> PostgresBookIndex::statements() {
  return {kWidenRows, kNarrowRow, kForgetRow, kIndexComplete, kMarkComplete};
}

void PostgresBookIndex::widen(const BookIndexEntry& entry) {
  widen_all({entry});
}

void PostgresBookIndex::widen_all(const std::vector<BookIndexEntry>& entries) {
  if (entries.empty()) return;
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& entry : entries) {
    rows.push_back({{"id", entry.book_id},
                    {"texts", entry.texts},
                    {"authors", entry.authors},
                    {"categories", entry.categories},
                    {"languages", entry.languages}});
  }
  run([&](pqxx::connection& connection) {
    pqxx::nontransaction tx(connection);
    execute(metrics_, tx, kWidenRows, rows.dump());
  });
}

void PostgresBookIndex::narrow(const BookIndexEntry& entry, clock::Millis version) {
  run([&](pqxx::connection& connection) {
    pqxx::nontransaction tx(connection);
    execute(metrics_, tx, kNarrowRow, entry.book_id, json_list(entry.texts),
            json_list(entry.authors), json_list(entry.categories), json_list(entry.languages),
            static_cast<std::int64_t>(version));
  });
}

void PostgresBookIndex::forget(const std::string& book_id) {
  run([&](pqxx::connection& connection) {
    pqxx::nontransaction tx(connection);
    execute(metrics_, tx, kForgetRow, book_id);
  });
}

std::vector<std::string> PostgresBookIndex::ids(const BookFilter& filter,
                                                const std::optional<std::string>& after,
                                                int count) {
  const auto pattern =
      filter.q ? std::optional(contains_pattern(text::fold_case(*filter.q))) : std::nullopt;
  const auto author = folded(filter.author);
  const auto category = folded(filter.category);
  return run([&](pqxx::connection& connection) {
    pqxx::nontransaction tx(connection);
    const auto rows = execute_planned_per_call(
        metrics_, tx, kBookIds, after.value_or(""), nullable(pattern), nullable(author),
        nullable(category), nullable(filter.language), count);
    std::vector<std::string> out;
    out.reserve(rows.size());
    for (const auto& row : rows) out.push_back(row[0].as<std::string>());
    return out;
  });
}

bool PostgresBookIndex::complete() {
  return run([&](pqxx::connection& connection) {
    pqxx::nontransaction tx(connection);
    return !execute(metrics_, tx, kIndexComplete).empty();
  });
}

void PostgresBookIndex::mark_complete() {
  run([&](pqxx::connection& connection) {
    pqxx::nontransaction tx(connection);
    execute(metrics_, tx, kMarkComplete);
  });
}

}  // namespace ld::postgres
