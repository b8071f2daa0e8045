// Keyset pagination shared by the three repositories: a page of items and the position after
// the last one, which the HTTP layer wraps into an opaque cursor.
#pragma once

#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

namespace ld {

struct PageRequest {
  int limit = 20;                       // 1..100, checked by the HTTP layer
  std::optional<nlohmann::json> after;  // decoded cursor: the last item's sort key, or none
};

template <class T>
struct Page {
  std::vector<T> items;
  std::optional<nlohmann::json> next;  // set exactly when more items follow
};

}  // namespace ld
