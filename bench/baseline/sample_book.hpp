// The book every POST /books of the benchmark sends, field for field as bench/wrk/post_books.lua
// builds it (and as S2 stores it once validated), so both sides write documents of one shape.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "baseline/seed.hpp"

namespace ld::bench {

// Title: three words of `words` and a tag "<origin>-<thread>-<n>" that makes every book unique.
nlohmann::json sample_book(const std::vector<std::string>& words, RandomPick& pick,
                           const std::string& origin, std::size_t thread, std::uint64_t n);

}  // namespace ld::bench
