#include "storage/mongo/book_inspection.hpp"

#include <memory>

#include "core/store_call.hpp"
#include "storage/mongo/bson_doc.hpp"
#include "storage/mongo/mongo_errors.hpp"

namespace ld::mongo {

namespace {

struct JsonTextFree {
  void operator()(char* text) const noexcept { bson_free(text); }
};

}  // namespace

const std::vector<std::string>& server_only_book_fields() {
  // See book_document.hpp: the stock ledgers of orders, the revision every update bumps, and the
  // folded search keys books stored by earlier versions may still carry.
  static const std::vector<std::string> kFields = {"stock_holds", "stock_returns", "stock_pending",
                                                   "revision", "search"};
  return kFields;
}

BookInspection::BookInspection(const MongoSettings& settings, Metrics& metrics)
    : database_(settings.database),
      metrics_(metrics),
      pool_(settings.url, 1, settings.timeout, metrics, PoolRole::background) {}

std::optional<nlohmann::ordered_json> BookInspection::book(const std::string& id) {
  if (!bson_oid_is_valid(id.c_str(), id.size()) || id.size() != 24) return std::nullopt;
  bson_oid_t oid;
  bson_oid_init_from_string(&oid, id.c_str());

  StoreCall call(metrics_, Store::mongodb, "books.inspect");
  try {
    PooledClient client = pool_.acquire();
    Collection books = client.collection(database_, "books");
    Bson filter;
    bson_append_oid(filter.get(), "_id", -1, &oid);
    Cursor cursor(mongoc_collection_find_with_opts(books.get(), filter.get(), nullptr, nullptr));
    const bson_t* doc = nullptr;
    std::optional<nlohmann::ordered_json> out;
    if (mongoc_cursor_next(cursor.get(), &doc)) {
      const std::unique_ptr<char, JsonTextFree> text(bson_as_canonical_extended_json(doc, nullptr));
      auto document = nlohmann::ordered_json::parse(text.get());
      nlohmann::ordered_json marked = nlohmann::ordered_json::array();
      for (const auto& field : server_only_book_fields()) {
        if (document.contains(field)) marked.push_back(field);
      }
      out = nlohmann::ordered_json{{"database", database_},
                                   {"collection", "books"},
                                   {"document", std::move(document)},
                                   {"server_only_fields", std::move(marked)}};
    }
    bson_error_t error;
    if (mongoc_cursor_error(cursor.get(), &error)) throw_driver_error(error, "books.inspect");
    return out;
  } catch (...) {
    call.failed();
    throw;
  }
}

}  // namespace ld::mongo
