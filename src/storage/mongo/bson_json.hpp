// JSON <-> BSON for book documents, keeping every value's kind: integers stay int64, doubles
// stay doubles, strings byte for byte, objects and arrays as they are.
#pragma once

#include <string_view>

#include <bson/bson.h>
#include <nlohmann/json.hpp>

namespace ld::mongo {

// Appends `value` under `key`. Throws std::length_error if the document would outgrow BSON.
void append_json(bson_t* doc, std::string_view key, const nlohmann::json& value);

// The JSON value at `iter`. Kinds JSON cannot hold come back as text: ObjectIds as hex,
// dates as milliseconds since the epoch, anything else as its extended-JSON form.
nlohmann::json value_to_json(const bson_iter_t& iter);

// Every field of `doc` as a JSON object.
nlohmann::json document_to_json(const bson_t* doc);

}  // namespace ld::mongo
