// The Brazilian facts S1's fake customers are made of (names, states, cities, area codes, CEP
// ranges, streets), loaded from the data files in data/br and checked for consistency on load.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ld::s1 {

// An inclusive range of CEPs, each held as its 8 digits read as a number (01310-100 -> 1310100).
struct CepRange {
  std::uint32_t first = 0;
  std::uint32_t last = 0;
  bool contains(std::uint32_t cep) const { return first <= cep && cep <= last; }
};

struct State {
  std::string uf;  // two uppercase letters
  std::string name;
  std::vector<int> area_codes;  // DDD
  std::vector<CepRange> postal_codes;
};

struct City {
  std::string name;
  std::string uf;
  int area_code = 0;             // the DDD that serves the city
  std::uint64_t population = 0;  // a weight for picking cities
  std::vector<CepRange> postal_codes;
  std::vector<std::string> districts;  // may be empty
};

struct StreetKind {
  std::string name;  // Rua, Avenida...
  std::uint64_t weight = 0;
};

struct StreetFacts {
  std::vector<StreetKind> kinds;
  std::vector<std::string> names;
  std::vector<std::string> complements;  // with {apt}, {block} and {n} placeholders
};

struct BrazilFacts {
  std::vector<std::string> female_names;
  std::vector<std::string> male_names;
  std::vector<std::string> surnames;
  std::vector<State> states;
  std::vector<City> cities;
  StreetFacts streets;

  // nullptr when `uf` (uppercase) is not one of the states.
  const State* state(std::string_view uf) const;
  // Every area code of every state, in the order of the data file.
  std::vector<int> all_area_codes() const;
};

// A data file that is missing, malformed or inconsistent; the message names the file.
class FactsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads `data_dir`/br/*. Throws FactsError.
BrazilFacts load_brazil_facts(const std::string& data_dir);

// "01310-100" for 1310100.
std::string format_cep(std::uint32_t cep);

}  // namespace ld::s1
