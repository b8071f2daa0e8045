// The books repository on the real store: create, find, list pages, update, remove, and the
// stored document's shape.
#include <set>

#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/books/book_input.hpp"
#include "integration/storage/mongo/mongo_test_support.hpp"
#include "storage/mongo/book_lookup.hpp"
#include "storage/mongo/bson_json.hpp"
#include "support/test_env.hpp"

namespace ld::test {

using nlohmann::json;

namespace {

BookRepository& repo() {
  return test_store().books();
}

bson_type_t type_at(const bson_t* doc, const char* dotted) {
  bson_iter_t iter;
  bson_iter_t found;
  if (!bson_iter_init(&iter, doc) || !bson_iter_find_descendant(&iter, dotted, &found)) {
    return BSON_TYPE_EOD;
  }
  return bson_iter_type(&found);
}

}  // namespace

TEST(BookRepository, CreateAssignsAnObjectIdAndTimes) {
  const auto before = clock::now_ms();
  const Book book = repo().create(new_book("Dom Casmurro", unique_token()));
  EXPECT_EQ(book.id.size(), 24u);
  EXPECT_EQ(book.id.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_GE(book.created_at, before);
  EXPECT_EQ(book.updated_at, book.created_at);
}

TEST(BookRepository, FindReturnsTheBookAsCreated) {
  const Book created =
      repo().create(books::read_new_book({{"title", "Vidas Secas"},
                                          {"authors", {"Graciliano Ramos"}},
                                          {"page_count", 176},
                                          {"price", {{"amount", "42.50"}, {"currency", "BRL"}}},
                                          {"stock", 3},
                                          {"language", "pt-BR"}}));
  const auto found = repo().find(created.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, created.id);
  EXPECT_EQ(found->fields, created.fields);
  EXPECT_EQ(found->created_at, created.created_at);
  EXPECT_EQ(found->price(), (Money{4250, "BRL"}));
  EXPECT_EQ(found->stock(), 3);
}

TEST(BookRepository, FindOfAnUnknownIdGivesNothing) {
  EXPECT_FALSE(repo().find("65f0a1b2c3d4e5f6a7b8c9d0"));
  EXPECT_FALSE(repo().find("not-an-id"));
}

TEST(BookRepository, TheStoredDocumentHasTheDocumentedShape) {
  const Book book =
      repo().create(books::read_new_book({{"title", "Grande Sertão: Veredas"},
                                          {"authors", {"João Guimarães Rosa"}},
                                          {"categories", {"Ficção"}},
                                          {"page_count", 608},
                                          {"stock", 7},
                                          {"price", {{"amount", 89.9}, {"currency", "BRL"}}},
                                          {"volumeInfo", {{"x", 1}}}}));
  const auto raw = raw_book(book.id);
  ASSERT_TRUE(raw);
  const bson_t* doc = raw->get();
  EXPECT_EQ(type_at(doc, "_id"), BSON_TYPE_OID);
  EXPECT_EQ(type_at(doc, "title"), BSON_TYPE_UTF8);
  EXPECT_EQ(type_at(doc, "page_count"), BSON_TYPE_INT64);
  EXPECT_EQ(type_at(doc, "stock"), BSON_TYPE_INT64);
  EXPECT_EQ(type_at(doc, "price.amount_cents"), BSON_TYPE_INT64);
  EXPECT_EQ(type_at(doc, "price.currency"), BSON_TYPE_UTF8);
  EXPECT_EQ(type_at(doc, "price.amount"), BSON_TYPE_EOD);
  EXPECT_EQ(type_at(doc, "created_at"), BSON_TYPE_DATE_TIME);
  EXPECT_EQ(type_at(doc, "updated_at"), BSON_TYPE_DATE_TIME);
  EXPECT_EQ(type_at(doc, "extra.volumeInfo.x"), BSON_TYPE_INT64);
  EXPECT_EQ(type_at(doc, "volumeInfo"), BSON_TYPE_EOD);
  const json stored = mongo::document_to_json(doc);
  EXPECT_EQ(stored["price"]["amount_cents"], 8990);
  // The folded values lists compare are the book index's (PostgreSQL), not the document's.
  EXPECT_FALSE(stored.contains("search"));
}

TEST(BookRepository, ExtrasRoundTripExactly) {
  const json extras = json::parse(R"({
    "volumeInfo": {"imageLinks": {"small": "http://x/s", "thumbnail": "http://x/t"},
                   "industryIdentifiers": [{"type": "OTHER", "identifier": "UOM:39015"}],
                   "ratingsCount": 12, "averageRating": 4.5, "readingModes": {"text": false},
                   "flags": [true, false, null, 0, -1, 2.25, "s"]},
    "big": 9223372036854775807, "small": -9223372036854775808, "whole_double": 2.0,
    "tiny": 1e-300, "text": "ção é ✓ 日本 🙂 \"quoted\" \\ back", "nothing": null, "empty": {},
    "none": [], "deep": {"a": {"b": {"c": {"d": [{"e": "f"}]}}}}
  })");
  json body = {{"title", "Extras"}};
  body.update(extras);
  const Book created = repo().create(books::read_new_book(body));
  const auto found = repo().find(created.id);
  ASSERT_TRUE(found);
  for (const auto& [key, value] : extras.items()) {
    EXPECT_EQ(found->fields[key], value) << key;
    EXPECT_EQ(found->fields[key].dump(), value.dump()) << key;  // same text: kinds kept
  }
}

TEST(BookRepository, ListPagesByIdAscendingAndEndsWithNoCursor) {
  const auto fence = unique_token();
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i)
    ids.push_back(repo().create(new_book("Livro " + std::to_string(i), fence)).id);
  BookFilter filter;
  filter.category = fence;
  PageRequest page;
  page.limit = 2;
  std::vector<std::string> seen;
  std::vector<std::size_t> sizes;
  while (true) {
    const auto result = repo().list(filter, page);
    sizes.push_back(result.items.size());
    for (const auto& b : result.items) seen.push_back(b.id);
    if (!result.next) break;
    page.after = result.next;
  }
  EXPECT_EQ(seen, ids);  // ObjectIds made in one process grow, so creation order is id order
  EXPECT_EQ(sizes, (std::vector<std::size_t>{2, 2, 1}));
}

TEST(BookRepository, ALastPageThatIsExactlyFullHasNoCursor) {
  const auto fence = unique_token();
  for (int i = 0; i < 2; ++i) repo().create(new_book("Cheio", fence));
  BookFilter filter;
  filter.category = fence;
  PageRequest page;
  page.limit = 2;
  const auto result = repo().list(filter, page);
  EXPECT_EQ(result.items.size(), 2u);
  EXPECT_FALSE(result.next);
}

TEST(BookRepository, AnOldCursorStaysValid) {
  const auto fence = unique_token();
  const auto first = repo().create(new_book("A", fence));
  const auto second = repo().create(new_book("B", fence));
  BookFilter filter;
  filter.category = fence;
  PageRequest page;
  page.limit = 1;
  const auto cursor = repo().list(filter, page).next;
  ASSERT_TRUE(cursor);
  ASSERT_TRUE(repo().remove(first.id));  // the position outlives the book it names
  page.after = cursor;
  const auto result = repo().list(filter, page);
  ASSERT_EQ(result.items.size(), 1u);
  EXPECT_EQ(result.items[0].id, second.id);
}

TEST(BookRepository, AMalformedPositionIsABadCursor) {
  PageRequest page;
  page.after = json{{"id", "nope"}};
  try {
    repo().list({}, page);
    FAIL() << "expected a 400";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::invalid);
    EXPECT_EQ(e.fields().at(0).field, "cursor");
  }
}

TEST(BookRepository, UpdateReplacesTheFieldsAndMovesUpdatedAt) {
  const Book read = repo().create(new_book("Antes", unique_token()));
  Book book = read;
  ASSERT_TRUE(
      books::apply_book_patch(book, books::read_book_patch({{"title", "Depois"}, {"stock", 2}})));
  const auto updated = repo().update(read, book);
  ASSERT_TRUE(updated);
  EXPECT_EQ(updated->title(), "Depois");
  EXPECT_GT(updated->updated_at, book.updated_at);
  EXPECT_EQ(updated->created_at, book.created_at);
  const auto found = repo().find(book.id);
  EXPECT_EQ(found->title(), "Depois");
  EXPECT_EQ(found->stock(), 2);
  EXPECT_EQ(found->updated_at, updated->updated_at);
}

TEST(BookRepository, UpdateFromAnOutdatedVersionIsAConflict) {
  const Book original = repo().create(new_book("Versão 1", unique_token()));
  Book first = original;
  books::apply_book_patch(first, books::read_book_patch({{"title", "Versão 2"}}));
  ASSERT_TRUE(repo().update(original, first));
  Book late = original;  // still carries the first version's updated_at
  books::apply_book_patch(late, books::read_book_patch({{"title", "Versão 3"}}));
  try {
    repo().update(original, late);
    FAIL() << "expected a 409";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::conflict);
  }
  EXPECT_EQ(repo().find(original.id)->title(), "Versão 2");
}

TEST(BookRepository, UpdateOfAMissingBookGivesNothing) {
  Book ghost = new_book("Fantasma", unique_token());
  ghost.id = "65f0a1b2c3d4e5f6a7b8c9d0";
  EXPECT_FALSE(repo().update(ghost, ghost));
}

TEST(BookRepository, RemoveDeletesOnceThenReportsMissing) {
  const Book book = repo().create(new_book("Efêmero", unique_token()));
  EXPECT_TRUE(repo().remove(book.id));
  EXPECT_FALSE(repo().find(book.id));
  EXPECT_FALSE(repo().remove(book.id));
}

TEST(BookRepository, EnsureIndexesCanRunAtEveryStart) {
  EXPECT_NO_THROW(test_store().ensure_indexes());
  EXPECT_NO_THROW(test_store().ensure_indexes());
}

TEST(BookRepository, EnsureIndexesDropsTheRetiredSearchIndexes) {
  {
    auto client = raw_pool().acquire();
    auto books = client.collection(mongo_db(), "books");
    // What earlier versions made, each costing an update on every stock change.
    mongo::create_index(books.get(), "search_authors", "search.authors", mongo::Unique::no, "t");
    mongo::create_index(books.get(), "search_categories", "search.categories", mongo::Unique::no,
                        "t");
    mongo::create_index(books.get(), "language", "language", mongo::Unique::no, "t");
  }
  test_store().ensure_indexes();
  std::set<std::string> names;
  auto client = raw_pool().acquire();
  auto books = client.collection(mongo_db(), "books");
  mongo::Cursor indexes(mongoc_collection_find_indexes_with_opts(books.get(), nullptr));
  const bson_t* spec = nullptr;
  while (mongoc_cursor_next(indexes.get(), &spec)) {
    bson_iter_t name;
    if (bson_iter_init_find(&name, spec, "name")) names.insert(bson_iter_utf8(&name, nullptr));
  }
  EXPECT_EQ(names, (std::set<std::string>{"_id_", "stock_pending"}));
}

TEST(BookRepository, CountCountsTheBooks) {
  const auto before = repo().count();
  repo().create(new_book("Contado", unique_token()));
  EXPECT_GE(repo().count(), before + 1);
}

}  // namespace ld::test
