// The list endpoints' common query rules: ?limit= (1..100, default 20) and ?cursor= (opaque),
// and the {"items": [...], "next_cursor": ...} response shape.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "core/cursor.hpp"
#include "domain/shared/page.hpp"
#include "http/message.hpp"

namespace ld::s2 {

// Throws 400 naming "limit" or "cursor".
PageRequest read_page(const http::Request& request);

template <class T, class ToJson>
nlohmann::json page_json(const Page<T>& page, ToJson to_json_fn) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& item : page.items) items.push_back(to_json_fn(item));
  return {
      {"items", std::move(items)},
      {"next_cursor", page.next ? nlohmann::json(cursor::encode(*page.next)) : nlohmann::json()}};
}

}  // namespace ld::s2
