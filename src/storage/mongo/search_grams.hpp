// The grams that let GET /books?q= use an index. A book stores, in search_grams, every run of
// one, two and three characters (code points) of its folded title and of each folded author;
// a multikey index covers the field. A search for q (folded, n characters) asks for books whose
// grams contain one run of min(n, 3) characters of q (an equality, which every supported server
// answers from the index: mongod's multikey index, FerretDB's PostgreSQL backend through the GIN
// twin of scripts/sql/ferretdb_gin_twins.sql), and then for the literal substring in search.text,
// which keeps the meaning exact. The run picked is the one made of the rarest letters, so the
// index hands over as few candidates as possible.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ld::mongo {

// The distinct runs of 1 to 3 code points of each already folded text, in first-seen order.
std::vector<std::string> search_grams(const std::vector<std::string>& folded_texts);

// The run of min(length, 3) code points of the folded `query` that the index should look up: the
// one whose letters are least common in titles and names. Empty for an empty query.
std::string search_gram_for(std::string_view folded_query);

}  // namespace ld::mongo
