#include "storage/mongo/bson_json.hpp"

#include <stdexcept>
#include <string>

namespace ld::mongo {

using nlohmann::json;

namespace {

int key_length(std::string_view key) {
  return static_cast<int>(key.size());
}

void check(bool appended) {
  if (!appended) throw std::length_error("book document exceeds the BSON size limit");
}

void append_members(bson_t* doc, const json& value) {
  if (value.is_object()) {
    for (const auto& [key, child] : value.items()) append_json(doc, key, child);
    return;
  }
  char buffer[16];
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char* key = nullptr;
    const auto length =
        bson_uint32_to_string(static_cast<std::uint32_t>(i), &key, buffer, sizeof buffer);
    append_json(doc, std::string_view(key, length), value[i]);
  }
}

json iter_members(const bson_iter_t& iter, bool as_array) {
  bson_iter_t child;
  json out = as_array ? json::array() : json::object();
  if (!bson_iter_recurse(&iter, &child)) return out;
  while (bson_iter_next(&child)) {
    if (as_array) {
      out.push_back(value_to_json(child));
    } else {
      out[bson_iter_key(&child)] = value_to_json(child);
    }
  }
  return out;
}

}  // namespace

void append_json(bson_t* doc, std::string_view key, const json& value) {
  const char* k = key.data();
  const int n = key_length(key);
  switch (value.type()) {
    case json::value_t::null:
      check(bson_append_null(doc, k, n));
      break;
    case json::value_t::boolean:
      check(bson_append_bool(doc, k, n, value.get<bool>()));
      break;
    case json::value_t::number_integer:
      check(bson_append_int64(doc, k, n, value.get<std::int64_t>()));
      break;
    case json::value_t::number_unsigned:
      // Validation keeps unsigned values within int64; this cast cannot wrap.
      check(bson_append_int64(doc, k, n, static_cast<std::int64_t>(value.get<std::uint64_t>())));
      break;
    case json::value_t::number_float:
      check(bson_append_double(doc, k, n, value.get<double>()));
      break;
    case json::value_t::string: {
      const auto& s = value.get_ref<const std::string&>();
      check(bson_append_utf8(doc, k, n, s.data(), static_cast<int>(s.size())));
      break;
    }
    case json::value_t::object:
    case json::value_t::array: {
      bson_t child;
      const bool is_array = value.is_array();
      check(is_array ? bson_append_array_begin(doc, k, n, &child)
                     : bson_append_document_begin(doc, k, n, &child));
      append_members(&child, value);
      check(is_array ? bson_append_array_end(doc, &child) : bson_append_document_end(doc, &child));
      break;
    }
    case json::value_t::binary:
    case json::value_t::discarded:
      throw std::invalid_argument("not a JSON value");
  }
}

json value_to_json(const bson_iter_t& iter) {
  switch (bson_iter_type(&iter)) {
    case BSON_TYPE_NULL:
    case BSON_TYPE_UNDEFINED:
      return nullptr;
    case BSON_TYPE_BOOL:
      return bson_iter_bool(&iter);
    case BSON_TYPE_INT32:
      return static_cast<std::int64_t>(bson_iter_int32(&iter));
    case BSON_TYPE_INT64:
      return bson_iter_int64(&iter);
    case BSON_TYPE_DOUBLE:
      return bson_iter_double(&iter);
    case BSON_TYPE_UTF8: {
      std::uint32_t length = 0;
      const char* s = bson_iter_utf8(&iter, &length);
      return std::string(s, length);
    }
    case BSON_TYPE_DOCUMENT:
      return iter_members(iter, false);
    case BSON_TYPE_ARRAY:
      return iter_members(iter, true);
    case BSON_TYPE_OID: {
      char hex[25];
      bson_oid_to_string(bson_iter_oid(&iter), hex);
      return std::string(hex);
    }
    case BSON_TYPE_DATE_TIME:
      return bson_iter_date_time(&iter);
    default: {
      // Values this adapter never writes; shown rather than dropped.
      bson_t wrapper = BSON_INITIALIZER;
      bson_append_iter(&wrapper, "v", 1, &iter);
      std::size_t length = 0;
      char* text = bson_as_relaxed_extended_json(&wrapper, &length);
      json out = text ? std::string(text, length) : std::string();
      bson_free(text);
      bson_destroy(&wrapper);
      return out;
    }
  }
}

json document_to_json(const bson_t* doc) {
  json out = json::object();
  bson_iter_t iter;
  if (!bson_iter_init(&iter, doc)) return out;
  while (bson_iter_next(&iter)) out[bson_iter_key(&iter)] = value_to_json(iter);
  return out;
}

}  // namespace ld::mongo
