// S1's fake Brazilian customers, as POST /customers bodies. Deterministic: the same seed gives
// byte-identical bodies on any platform and any day. Not thread-safe: one generator per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "s1/generator/address_generator.hpp"
#include "s1/generator/brazil_facts.hpp"
#include "s1/generator/invalid_customer.hpp"
#include "s1/generator/random.hpp"

namespace ld::s1 {

class CustomerGenerator {
 public:
  // Birth dates count back from this fixed day, not from today, so that a seed gives the same
  // bytes whenever it runs: customers are 18 to 90 years old on 2025-01-01.
  static constexpr clock::Date kReferenceDate{2025, 1, 1};
  static constexpr int kMinAge = 18;
  static constexpr int kMaxAge = 90;

  // `data_dir` is the project's data folder (holding br/). Throws FactsError.
  CustomerGenerator(std::uint64_t seed, const std::string& data_dir);

  // One valid body: name, email and cpf unique within this generator, phone, birth_date,
  // 0..2 addresses.
  nlohmann::json next();

  // One body that breaks exactly one rule (S2 must answer 400).
  nlohmann::json next_invalid();
  // The same, with the field it breaks and how.
  InvalidCustomer next_invalid_case();

  const BrazilFacts& facts() const { return *facts_; }

 private:
  struct PersonName {
    std::string given;
    std::vector<std::string> surnames;  // one or two
  };

  nlohmann::json customer(bool needs_address);
  PersonName person_name();
  std::string email(const PersonName& person, const clock::Date& birth);
  std::string cpf();
  std::string phone(int area_code);
  clock::Date birth_date();

  // On the heap so that the generator can move while AddressGenerator keeps its reference.
  std::unique_ptr<const BrazilFacts> facts_;
  AddressGenerator addresses_;
  std::vector<int> area_codes_;
  Random random_;
  std::unordered_set<std::string> emails_;
  std::unordered_set<std::uint32_t> cpf_bases_;  // the nine digits before the check digits
};

}  // namespace ld::s1
