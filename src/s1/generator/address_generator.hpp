// Fake Brazilian addresses whose city, state (UF) and CEP belong together, as POST /customers
// takes them: {street, number, complement?, district?, city, state, postal_code, country}.
#pragma once

#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>

#include "s1/generator/brazil_facts.hpp"
#include "s1/generator/random.hpp"

namespace ld::s1 {

struct DrawnAddress {
  nlohmann::json body;
  const City* city = nullptr;  // points into the facts the generator was built with
};

class AddressGenerator {
 public:
  // Keeps a reference: `facts` must outlive the generator.
  explicit AddressGenerator(const BrazilFacts& facts);

  DrawnAddress next(Random& random) const;

 private:
  // A CEP inside one of the city's ranges, weighted by range size, with a street-level suffix.
  std::uint32_t postal_code(std::size_t city_index, Random& random) const;
  std::string street(Random& random) const;
  std::string number(Random& random) const;
  std::string complement(Random& random) const;

  const BrazilFacts& facts_;
  std::vector<std::uint64_t> city_weights_;
  std::vector<std::vector<std::uint64_t>> range_sizes_;  // per city, per CEP range
  std::vector<std::uint64_t> street_kind_weights_;
};

}  // namespace ld::s1
