// One Google Books volume as the book body S2's POST /books takes. The live API and the offline
// catalog both go through here, so a book reads the same whichever source it came from.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ld::s1::google_books {

// The book for `volume`, or nullopt when it has no usable title. Fields Google leaves out stay
// out; values S2 would refuse (a bad ISBN check digit, a language that is not a tag) are left
// out too rather than costing the whole book. Price comes from saleInfo when Google sells the
// book, else it is drawn; stock is drawn (sometimes absent: unlimited). Draws come from `seed`
// and the volume id, so a volume gets the same price and stock at any position in the results.
std::optional<nlohmann::json> map_volume(const nlohmann::json& volume, std::uint64_t seed);

// The keys under which a mapped book counts as already taken: its volume id and its ISBNs (an
// ISBN-10 also as its ISBN-13, so two editions' records of one book meet).
std::vector<std::string> identity_keys(const nlohmann::json& book);

}  // namespace ld::s1::google_books
