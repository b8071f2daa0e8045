// A book exactly as MongoDB holds it: the whole document of the `books` collection in canonical
// extended JSON ({"$oid": ...}, {"$date": ...}, {"$numberLong": ...}), with the fields only the
// server reads (search keys, stock ledgers) named. For the console's "where is it stored" view;
// it only runs a find, on a pool of its own, so looking never takes a client the API needs.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/metrics.hpp"
#include "storage/mongo/mongo_pool.hpp"
#include "storage/mongo/mongo_store.hpp"

namespace ld::mongo {

class BookInspection {
 public:
  BookInspection(const MongoSettings& settings, Metrics& metrics);

  // {"database", "collection", "document", "server_only_fields": [...]}, or nullopt when no
  // book has this id (24 hex digits). Throws StoreUnavailable("mongodb") when down.
  std::optional<nlohmann::ordered_json> book(const std::string& id);

 private:
  std::string database_;
  Metrics& metrics_;
  MongoPool pool_;
};

// The top-level fields of a stored book that the API never shows.
const std::vector<std::string>& server_only_book_fields();

}  // namespace ld::mongo
