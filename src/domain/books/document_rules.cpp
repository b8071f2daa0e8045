#include "domain/books/document_rules.hpp"

#include <cstdint>
#include <limits>

#include "core/json_input.hpp"
#include "core/text.hpp"

namespace ld::books {

namespace {

const char* key_problem(const std::string& key) {
  if (key.empty()) return "field names must not be empty";
  if (text::contains_nul(key)) return "field names must not contain NUL characters";
  if (key.front() == '$') return "field names must not start with '$'";
  if (key.find('.') != std::string::npos) return "field names must not contain '.'";
  return nullptr;
}

std::string shown(const std::string& path) {
  return path.empty() ? "body" : path;
}

}  // namespace

void check_document(const nlohmann::json& value, const std::string& path, int depth,
                    Violations& v) {
  if ((value.is_object() || value.is_array()) && depth > kMaxDocumentDepth) {
    v.add(shown(path), "must not nest deeper than 32 levels");
    return;
  }
  if (value.is_object()) {
    for (const auto& [key, child] : value.items()) {
      if (const char* problem = key_problem(key)) {
        // A name with a NUL cannot be shown in a field path; name its parent instead.
        v.add(text::contains_nul(key) ? shown(path) : json_input::dot(path, key), problem);
        continue;
      }
      check_document(child, json_input::dot(path, key), depth + 1, v);
    }
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      const auto item_path = json_input::at(path, i);
      if (value[i].is_array()) {
        v.add(item_path, "arrays directly inside arrays are not supported");
        continue;
      }
      check_document(value[i], item_path, depth + 1, v);
    }
  } else if (value.is_number_unsigned()) {
    if (value.get<std::uint64_t>() >
        static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      v.add(shown(path), "integers must fit in 64 bits");
    }
  } else if (value.is_string()) {
    if (text::contains_nul(value.get_ref<const std::string&>())) {
      v.add(shown(path), "must not contain NUL characters");
    }
  }
}

}  // namespace ld::books
