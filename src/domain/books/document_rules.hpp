// Rules every part of a book document obeys, at any depth, so that whatever a client sends can be
// stored in MongoDB as given and never read as an operator: field names that are not empty, do
// not start with '$' and hold no '.' or NUL; at most 32 levels; no array directly inside an
// array (FerretDB cannot store one); integers that fit in 64 bits; no NUL in text.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/violations.hpp"

namespace ld::books {

inline constexpr int kMaxDocumentDepth = 32;

// Checks `value`, found at `path` and at nesting level `depth` (the book itself is level 1),
// recording a violation for every breach.
void check_document(const nlohmann::json& value, const std::string& path, int depth, Violations& v);

}  // namespace ld::books
