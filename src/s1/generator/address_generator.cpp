#include "s1/generator/address_generator.hpp"

#include <string>

namespace ld::s1 {

namespace {

// Correios reserve suffixes 900-999 for large receivers, P.O. boxes and internal use; a home
// address has a street suffix 000-899.
constexpr std::uint32_t kLastStreetSuffix = 899;

void replace_all(std::string& text, std::string_view from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

}  // namespace

AddressGenerator::AddressGenerator(const BrazilFacts& facts) : facts_(facts) {
  for (const auto& city : facts_.cities) {
    city_weights_.push_back(city.population);
    auto& sizes = range_sizes_.emplace_back();
    for (const auto& range : city.postal_codes) sizes.push_back(range.last - range.first + 1ULL);
  }
  for (const auto& kind : facts_.streets.kinds) street_kind_weights_.push_back(kind.weight);
}

DrawnAddress AddressGenerator::next(Random& random) const {
  // One draw per statement: the order in which C++ evaluates operands and arguments is
  // unspecified, and the same seed must give the same bytes with every compiler.
  const std::size_t index = random.weighted(city_weights_);
  const City& city = facts_.cities[index];
  nlohmann::json body;
  body["street"] = street(random);
  body["number"] = number(random);
  body["city"] = city.name;
  body["state"] = city.uf;
  body["postal_code"] = format_cep(postal_code(index, random));
  body["country"] = "BR";
  if (random.chance(0.35)) body["complement"] = complement(random);
  // Big cities list their real districts; elsewhere "Centro" exists in every Brazilian town.
  if (!city.districts.empty()) {
    if (random.chance(0.9)) body["district"] = random.pick(city.districts);
  } else if (random.chance(0.4)) {
    body["district"] = "Centro";
  }
  return {std::move(body), &city};
}

std::uint32_t AddressGenerator::postal_code(std::size_t city_index, Random& random) const {
  const auto& ranges = facts_.cities[city_index].postal_codes;
  const CepRange& range = ranges[random.weighted(range_sizes_[city_index])];
  // Rejection keeps the draw uniform over street-level CEPs; a range made only of special
  // suffixes (none in the data) falls back to its first CEP rather than looping forever.
  for (int attempt = 0; attempt < 64; ++attempt) {
    const auto cep = static_cast<std::uint32_t>(random.between(range.first, range.last));
    if (cep % 1000 <= kLastStreetSuffix) return cep;
  }
  return range.first;
}

std::string AddressGenerator::street(Random& random) const {
  const auto& kind = facts_.streets.kinds[random.weighted(street_kind_weights_)];
  return kind.name + " " + random.pick(facts_.streets.names);
}

std::string AddressGenerator::number(Random& random) const {
  if (random.chance(0.05)) return "s/n";  // "sem número": real, and S2 must take it as text
  // Most houses have short numbers; long avenues reach the thousands.
  if (random.chance(0.7)) return std::to_string(random.between(1, 999));
  return std::to_string(random.between(1000, 9999));
}

std::string AddressGenerator::complement(Random& random) const {
  std::string text = random.pick(facts_.streets.complements);
  const auto storey = random.between(1, 25);
  const auto apartment = storey * 100 + random.between(1, 8);
  replace_all(text, "{apt}", std::to_string(apartment));
  replace_all(text, "{block}", std::string(1, static_cast<char>('A' + random.below(8))));
  // Each {n} gets its own number ("Quadra 4, Lote 17").
  for (auto at = text.find("{n}"); at != std::string::npos; at = text.find("{n}", at)) {
    text.replace(at, 3, std::to_string(random.between(1, 40)));
  }
  return text;
}

}  // namespace ld::s1
