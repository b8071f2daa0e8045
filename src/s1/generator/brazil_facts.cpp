#include "s1/generator/brazil_facts.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "domain/brazil/documents.hpp"

namespace ld::s1 {

namespace {

using nlohmann::json;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FactsError(fmt::format("cannot read {}", path));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// One entry per line; blank lines and '#' comments skipped; duplicates are a data error.
std::vector<std::string> read_list(const std::string& path) {
  std::istringstream lines(read_file(path));
  std::vector<std::string> entries;
  std::set<std::string> seen;
  std::string line;
  while (std::getline(lines, line)) {
    std::string entry = text::trim(line);
    if (entry.empty() || entry.front() == '#') continue;
    if (!seen.insert(entry).second) {
      throw FactsError(fmt::format("{}: \"{}\" is listed twice", path, entry));
    }
    entries.push_back(std::move(entry));
  }
  if (entries.empty()) throw FactsError(fmt::format("{} has no entries", path));
  return entries;
}

json read_json(const std::string& path) {
  json document = json::parse(read_file(path), nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) throw FactsError(fmt::format("{} is not valid JSON", path));
  return document;
}

std::uint32_t read_cep(const json& value, const std::string& where) {
  const auto digits = value.is_string() ? brazil::normalize_cep(value.get<std::string>())
                                        : std::optional<std::string>{};
  if (!digits) throw FactsError(fmt::format("{}: {} is not a CEP", where, value.dump()));
  return static_cast<std::uint32_t>(std::stoul(*digits));
}

std::vector<CepRange> read_ranges(const json& value, const std::string& where) {
  if (!value.is_array() || value.empty()) {
    throw FactsError(fmt::format("{}: postal_codes must be a non-empty array", where));
  }
  std::vector<CepRange> ranges;
  for (const auto& pair : value) {
    if (!pair.is_array() || pair.size() != 2) {
      throw FactsError(fmt::format("{}: each CEP range is a [first, last] pair", where));
    }
    CepRange range{read_cep(pair[0], where), read_cep(pair[1], where)};
    if (range.first > range.last) {
      throw FactsError(fmt::format("{}: CEP range {} is reversed", where, pair.dump()));
    }
    ranges.push_back(range);
  }
  return ranges;
}

std::string read_uf(const json& value, const std::string& where) {
  const auto uf = value.is_string() ? brazil::normalize_uf(value.get<std::string>())
                                    : std::optional<std::string>{};
  if (!uf) throw FactsError(fmt::format("{}: {} is not a UF", where, value.dump()));
  return *uf;
}

std::vector<State> read_states(const std::string& path) {
  const json document = read_json(path);
  if (!document.is_array()) throw FactsError(path + " must hold an array");
  std::vector<State> states;
  std::set<int> area_codes;
  for (const auto& item : document) {
    State state;
    state.uf = read_uf(item.value("uf", json()), path);
    const std::string where = path + " " + state.uf;
    state.name = item.value("name", "");
    state.area_codes = item.value("area_codes", std::vector<int>{});
    state.postal_codes = read_ranges(item.value("postal_codes", json()), where);
    if (state.name.empty() || state.area_codes.empty()) {
      throw FactsError(where + ": name and area_codes are required");
    }
    for (int code : state.area_codes) {
      if (code < 11 || code > 99 || !area_codes.insert(code).second) {
        throw FactsError(fmt::format("{}: area code {} is out of range or repeated", where, code));
      }
    }
    states.push_back(std::move(state));
  }
  return states;
}

bool inside_any(const CepRange& inner, const std::vector<CepRange>& outer) {
  return std::any_of(outer.begin(), outer.end(), [&](const CepRange& r) {
    return r.first <= inner.first && inner.last <= r.last;
  });
}

std::vector<City> read_cities(const std::string& path, const BrazilFacts& facts) {
  const json document = read_json(path);
  if (!document.is_array() || document.empty()) throw FactsError(path + " must hold an array");
  std::vector<City> cities;
  for (const auto& item : document) {
    City city;
    city.name = item.value("name", "");
    const std::string where = path + " " + city.name;
    city.uf = read_uf(item.value("uf", json()), where);
    city.area_code = item.value("area_code", 0);
    city.population = item.value("population", std::uint64_t{0});
    city.postal_codes = read_ranges(item.value("postal_codes", json()), where);
    city.districts = item.value("districts", std::vector<std::string>{});
    const State* state = facts.state(city.uf);
    if (city.name.empty() || city.population == 0 || state == nullptr) {
      throw FactsError(where + ": name, population and a known uf are required");
    }
    // The generator promises that city, state, CEP and area code belong together.
    const auto& codes = state->area_codes;
    if (std::find(codes.begin(), codes.end(), city.area_code) == codes.end()) {
      throw FactsError(fmt::format("{}: area code {} is not {}'s", where, city.area_code, city.uf));
    }
    for (const auto& range : city.postal_codes) {
      if (!inside_any(range, state->postal_codes)) {
        throw FactsError(where + ": a CEP range lies outside its state's ranges");
      }
    }
    cities.push_back(std::move(city));
  }
  return cities;
}

StreetFacts read_streets(const std::string& path) {
  const json document = read_json(path);
  StreetFacts streets;
  for (const auto& kind : document.value("kinds", json::array())) {
    streets.kinds.push_back({kind.value("name", ""), kind.value("weight", std::uint64_t{0})});
  }
  streets.names = document.value("names", std::vector<std::string>{});
  streets.complements = document.value("complements", std::vector<std::string>{});
  const bool kinds_ok = !streets.kinds.empty() &&
                        std::all_of(streets.kinds.begin(), streets.kinds.end(),
                                    [](const auto& k) { return !k.name.empty() && k.weight > 0; });
  if (!kinds_ok || streets.names.empty() || streets.complements.empty()) {
    throw FactsError(path + ": kinds (with positive weights), names and complements are required");
  }
  return streets;
}

}  // namespace

const State* BrazilFacts::state(std::string_view uf) const {
  const auto found =
      std::find_if(states.begin(), states.end(), [&](const State& s) { return s.uf == uf; });
  return found == states.end() ? nullptr : &*found;
}

std::vector<int> BrazilFacts::all_area_codes() const {
  std::vector<int> codes;
  for (const auto& s : states) codes.insert(codes.end(), s.area_codes.begin(), s.area_codes.end());
  return codes;
}

BrazilFacts load_brazil_facts(const std::string& data_dir) {
  const std::string dir = data_dir + "/br/";
  try {
    BrazilFacts facts;
    facts.female_names = read_list(dir + "given_names_female.txt");
    facts.male_names = read_list(dir + "given_names_male.txt");
    facts.surnames = read_list(dir + "surnames.txt");
    facts.states = read_states(dir + "states.json");
    facts.cities = read_cities(dir + "cities.json", facts);
    facts.streets = read_streets(dir + "streets.json");
    return facts;
  } catch (const json::exception& e) {
    // A field of the wrong JSON type: still a data error, reported as one.
    throw FactsError(fmt::format("{}: {}", dir, e.what()));
  }
}

std::string format_cep(std::uint32_t cep) {
  return fmt::format("{:05}-{:03}", cep / 1000, cep % 1000);
}

}  // namespace ld::s1
