// The books of one batch, each at most once: a volume id or an ISBN seen before means the same
// book again (Google lists one book under several volumes, and repeats volumes across pages).
#pragma once

#include <cstddef>
#include <string>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>

#include "s1/google_books/volume_mapping.hpp"

namespace ld::s1::google_books {

class DistinctBooks {
 public:
  // Adds a mapped book unless one of its identity keys is taken; true when it was added.
  bool add(nlohmann::json book) {
    const auto keys = identity_keys(book);
    for (const auto& key : keys) {
      if (keys_.contains(key)) return false;
    }
    keys_.insert(keys.begin(), keys.end());
    books_.push_back(std::move(book));
    return true;
  }
  std::size_t size() const { return books_.size(); }
  std::vector<nlohmann::json> take() { return std::move(books_); }

 private:
  std::vector<nlohmann::json> books_;
  std::unordered_set<std::string> keys_;
};

}  // namespace ld::s1::google_books
