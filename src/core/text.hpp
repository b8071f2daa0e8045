// Unicode-aware text rules the API promises: lengths in characters, trimming, and case folding
// for the accented Latin letters Brazilian data is full of (so "ç" matches "Ç").
#pragma once

#include <string>
#include <string_view>

namespace ld::text {

// Number of Unicode code points in valid UTF-8.
std::size_t length(std::string_view utf8);

// Removes leading and trailing ASCII white space.
std::string trim(std::string_view s);

bool contains_nul(std::string_view s);

// Lower-cases ASCII and the Latin-1 Supplement / Latin Extended-A letters; other text unchanged.
std::string fold_case(std::string_view utf8);

// Case-insensitive (fold_case) substring search.
bool contains_folded(std::string_view haystack, std::string_view needle);

}  // namespace ld::text
