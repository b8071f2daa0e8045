// The data files in data/br: enough names, the real 27 UFs and 67 area codes, and cities whose
// state, area code and CEP ranges belong together.
#include "s1/generator/brazil_facts.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "s1/generator/email_words.hpp"
#include "support/test_env.hpp"

namespace ld::s1 {
namespace {

namespace fs = std::filesystem;

const BrazilFacts& facts() {
  static const BrazilFacts loaded = load_brazil_facts(test::source_path("data"));
  return loaded;
}

TEST(BrazilFacts, EachNameListHasAtLeast150Entries) {
  EXPECT_GE(facts().female_names.size(), 150u);
  EXPECT_GE(facts().male_names.size(), 150u);
  EXPECT_GE(facts().surnames.size(), 150u);
}

TEST(BrazilFacts, NamesKeepTheirAccents) {
  const auto& male = facts().male_names;
  const auto& female = facts().female_names;
  EXPECT_NE(std::find(male.begin(), male.end(), "João"), male.end());
  EXPECT_NE(std::find(male.begin(), male.end(), "Antônio"), male.end());
  EXPECT_NE(std::find(female.begin(), female.end(), "Conceição"), female.end());
  const auto& surnames = facts().surnames;
  EXPECT_NE(std::find(surnames.begin(), surnames.end(), "D'Ávila"), surnames.end());
}

TEST(BrazilFacts, EveryNameGivesAPlainEmailWord) {
  for (const auto* list : {&facts().female_names, &facts().male_names, &facts().surnames}) {
    for (const auto& name : *list) {
      const std::string word = email_surname(name);
      EXPECT_FALSE(word.empty()) << name;
      EXPECT_TRUE(
          std::all_of(word.begin(), word.end(),
                      [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }))
          << name << " -> " << word;
    }
  }
}

TEST(BrazilFacts, TheStatesAreExactlyThe27Ufs) {
  std::set<std::string> ufs;
  for (const auto& state : facts().states) ufs.insert(state.uf);
  const std::set<std::string> expected = {"AC", "AL", "AP", "AM", "BA", "CE", "DF", "ES", "GO",
                                          "MA", "MT", "MS", "MG", "PA", "PB", "PR", "PE", "PI",
                                          "RJ", "RN", "RS", "RO", "RR", "SC", "SP", "SE", "TO"};
  EXPECT_EQ(facts().states.size(), 27u);
  EXPECT_EQ(ufs, expected);
}

TEST(BrazilFacts, TheAreaCodesAreThe67OfTheNumberingPlan) {
  // Anatel's national numbering plan.
  const std::set<int> expected = {
      11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 24, 27, 28, 31, 32, 33, 34, 35, 37, 38, 41, 42,
      43, 44, 45, 46, 47, 48, 49, 51, 53, 54, 55, 61, 62, 63, 64, 65, 66, 67, 68, 69, 71, 73, 74,
      75, 77, 79, 81, 82, 83, 84, 85, 86, 87, 88, 89, 91, 92, 93, 94, 95, 96, 97, 98, 99};
  ASSERT_EQ(expected.size(), 67u);
  const auto codes = facts().all_area_codes();
  EXPECT_EQ(codes.size(), 67u);  // each in one state only
  EXPECT_EQ(std::set<int>(codes.begin(), codes.end()), expected);
  EXPECT_EQ(facts().state("SP")->area_codes.size(), 9u);
  EXPECT_EQ(facts().state("DF")->area_codes, std::vector<int>{61});
}

TEST(BrazilFacts, ThereAreAtLeast60CitiesCoveringAll27Ufs) {
  EXPECT_GE(facts().cities.size(), 60u);
  std::set<std::string> ufs;
  for (const auto& city : facts().cities) ufs.insert(city.uf);
  EXPECT_EQ(ufs.size(), 27u);
}

TEST(BrazilFacts, EveryCityAreaCodeBelongsToItsState) {
  for (const auto& city : facts().cities) {
    const State* state = facts().state(city.uf);
    ASSERT_NE(state, nullptr) << city.name;
    EXPECT_NE(std::find(state->area_codes.begin(), state->area_codes.end(), city.area_code),
              state->area_codes.end())
        << city.name << " " << city.area_code;
  }
}

TEST(BrazilFacts, EveryCityCepRangeLiesInsideItsStateRanges) {
  for (const auto& city : facts().cities) {
    for (const auto& range : city.postal_codes) {
      const auto& outer = facts().state(city.uf)->postal_codes;
      EXPECT_TRUE(std::any_of(
          outer.begin(), outer.end(),
          [&](const CepRange& r) { return r.contains(range.first) && r.contains(range.last); }))
          << city.name << " " << format_cep(range.first);
    }
  }
}

TEST(BrazilFacts, StateCepRangesDoNotOverlap) {
  std::vector<CepRange> all;
  for (const auto& state : facts().states)
    all.insert(all.end(), state.postal_codes.begin(), state.postal_codes.end());
  std::sort(all.begin(), all.end(),
            [](const CepRange& a, const CepRange& b) { return a.first < b.first; });
  for (std::size_t i = 1; i < all.size(); ++i) {
    EXPECT_LT(all[i - 1].last, all[i].first) << format_cep(all[i].first);
  }
}

TEST(BrazilFacts, CitiesInTheSameStateDoNotShareCeps) {
  for (const auto& a : facts().cities) {
    for (const auto& b : facts().cities) {
      if (&a == &b || a.uf != b.uf) continue;
      for (const auto& ra : a.postal_codes) {
        for (const auto& rb : b.postal_codes) {
          EXPECT_TRUE(ra.last < rb.first || rb.last < ra.first) << a.name << " / " << b.name;
        }
      }
    }
  }
}

TEST(BrazilFacts, WellKnownAddressesFallInTheirCity) {
  auto city = [](const std::string& name) {
    const auto& cities = facts().cities;
    return *std::find_if(cities.begin(), cities.end(),
                         [&](const City& c) { return c.name == name; });
  };
  auto holds = [](const City& c, std::uint32_t cep) {
    return std::any_of(c.postal_codes.begin(), c.postal_codes.end(),
                       [&](const CepRange& r) { return r.contains(cep); });
  };
  EXPECT_TRUE(holds(city("São Paulo"), 1310100));        // Avenida Paulista, 01310-100
  EXPECT_TRUE(holds(city("Rio de Janeiro"), 22021001));  // Avenida Atlântica, 22021-001
  EXPECT_FALSE(holds(city("São Paulo"), 7000001));       // 07000-001 is Guarulhos
  EXPECT_TRUE(holds(city("Guarulhos"), 7000001));
}

TEST(BrazilFacts, BigCitiesListRealDistricts) {
  const auto& cities = facts().cities;
  const auto rio = std::find_if(cities.begin(), cities.end(),
                                [](const City& c) { return c.name == "Rio de Janeiro"; });
  ASSERT_NE(rio, cities.end());
  EXPECT_NE(std::find(rio->districts.begin(), rio->districts.end(), "Copacabana"),
            rio->districts.end());
}

TEST(BrazilFacts, StreetFactsHaveKindsNamesAndComplements) {
  EXPECT_EQ(facts().streets.kinds.front().name, "Rua");
  EXPECT_GE(facts().streets.names.size(), 100u);
  EXPECT_FALSE(facts().streets.complements.empty());
}

TEST(BrazilFacts, FormatCepKeepsLeadingZeros) {
  EXPECT_EQ(format_cep(1310100), "01310-100");
  EXPECT_EQ(format_cep(99999999), "99999-999");
}

TEST(BrazilFacts, AMissingDataDirectoryIsAFactsErrorNamingTheFile) {
  try {
    load_brazil_facts("/nonexistent-data-dir");
    FAIL() << "expected FactsError";
  } catch (const FactsError& e) {
    EXPECT_NE(std::string(e.what()).find("given_names_female.txt"), std::string::npos) << e.what();
  }
}

// [[first, last]]: spelled out, since {{a, b}} would make nlohmann build an object {a: b}.
nlohmann::json cep_ranges(const char* first, const char* last) {
  return nlohmann::json::array({nlohmann::json::array({first, last})});
}

// A copy of data/br with one file replaced, to see the loader refuse inconsistent facts.
class AlteredFacts : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("ld_facts_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "br");
    for (const auto& entry : fs::directory_iterator(test::source_path("data/br"))) {
      fs::copy_file(entry.path(), dir_ / "br" / entry.path().filename());
    }
  }
  void TearDown() override { fs::remove_all(dir_); }

  void rewrite_cities(const std::function<void(nlohmann::json&)>& change) {
    const auto path = dir_ / "br" / "cities.json";
    nlohmann::json cities = nlohmann::json::parse(std::ifstream(path));
    change(cities);
    std::ofstream(path) << cities.dump();
  }

  std::string load_error() {
    try {
      load_brazil_facts(dir_.string());
    } catch (const FactsError& e) {
      return e.what();
    }
    return "";
  }

  fs::path dir_;
};

TEST_F(AlteredFacts, ACityCepOutsideItsStateIsRefused) {
  rewrite_cities([](nlohmann::json& cities) {
    cities[0]["postal_codes"] = cep_ranges("20000-001", "20999-999");
  });
  EXPECT_NE(load_error().find("outside its state"), std::string::npos);
}

TEST_F(AlteredFacts, ACityAreaCodeOfAnotherStateIsRefused) {
  rewrite_cities([](nlohmann::json& cities) { cities[0]["area_code"] = 21; });
  EXPECT_NE(load_error().find("area code 21"), std::string::npos);
}

TEST_F(AlteredFacts, AMalformedCepIsRefused) {
  rewrite_cities([](nlohmann::json& cities) {
    cities[0]["postal_codes"] = cep_ranges("0100A-000", "05999-999");
  });
  EXPECT_NE(load_error().find("is not a CEP"), std::string::npos);
}

TEST_F(AlteredFacts, AFieldOfTheWrongTypeIsAFactsError) {
  rewrite_cities([](nlohmann::json& cities) { cities[0]["population"] = "many"; });
  EXPECT_FALSE(load_error().empty());
}

}  // namespace
}  // namespace ld::s1
