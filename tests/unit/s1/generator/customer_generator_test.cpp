// Fake customers: byte-identical for a seed, and over 40,000 of them every promise holds
// (unique e-mail and CPF, valid documents, city/state/CEP/area code that belong together, ages,
// and S2's own validation of POST /customers).
#include "s1/generator/customer_generator.hpp"

#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "core/violations.hpp"
#include "domain/brazil/documents.hpp"
#include "domain/customers/customer_input.hpp"
#include "s1/generator/email_words.hpp"
#include "support/test_env.hpp"

namespace ld::s1 {
namespace {

using nlohmann::json;

std::string data_dir() {
  return test::source_path("data");
}

std::string dump_many(std::uint64_t seed, int count) {
  CustomerGenerator generator(seed, data_dir());
  std::string out;
  for (int i = 0; i < count; ++i) out += generator.next().dump() + "\n";
  return out;
}

TEST(CustomerGenerator, TheSameSeedGivesByteIdenticalCustomers) {
  const std::string first = dump_many(2024, 1000);
  const std::string second = dump_many(2024, 1000);
  EXPECT_EQ(first.size(), second.size());
  EXPECT_TRUE(first == second) << "1,000 customers of seed 2024 differ between two runs";
}

TEST(CustomerGenerator, DifferentSeedsGiveDifferentCustomers) {
  CustomerGenerator a(1, data_dir());
  CustomerGenerator b(2, data_dir());
  int same = 0;
  for (int i = 0; i < 200; ++i) same += a.next() == b.next() ? 1 : 0;
  EXPECT_EQ(same, 0);
}

TEST(CustomerGenerator, AMovedGeneratorContinuesTheSameStream) {
  CustomerGenerator kept(5, data_dir());
  CustomerGenerator original(5, data_dir());
  kept.next();
  original.next();
  CustomerGenerator moved = std::move(original);
  EXPECT_EQ(kept.next(), moved.next());
}

TEST(CustomerGenerator, AMissingDataDirectoryIsAFactsError) {
  EXPECT_THROW(CustomerGenerator(1, "/nonexistent-data-dir"), FactsError);
}

// What 40,000 customers of one seed showed; every broken promise is kept as an example.
struct Survey {
  std::map<std::string, std::vector<std::string>> broken;  // promise -> examples
  std::map<std::size_t, int> address_counts;
  int formatted_cpfs = 0;
  int plain_cpfs = 0;
  int sem_numero = 0;
  int with_district = 0;
  std::uint32_t lowest_cpf_base = UINT32_MAX;
  std::uint32_t highest_cpf_base = 0;
  std::set<std::string> cities_seen;
  std::set<std::string> domains_seen;

  void expect(bool ok, const char* promise, const json& body, const std::string& why = "") {
    if (ok) return;  // the common case stays cheap: 40,000 bodies, about 20 promises each
    auto& examples = broken[promise];
    if (examples.size() < 5) examples.push_back(body.dump() + why);
  }
};

class FortyThousandCustomers : public ::testing::Test {
 protected:
  // Enough for every rule to meet its rare cases (small cities, s/n, two addresses) many times,
  // and for uniqueness to be put to the test: drawn blindly from the 999,999,999 CPF bases,
  // 40,000 customers would repeat one more often than not (1 - e^(-n^2/2N) = 55%); their
  // e-mails, made of a few hundred names, would repeat thousands of times. Generating and
  // checking a body is the cost of this program under the sanitizers, so the count is its time.
  static constexpr int kCount = 40'000;
  static void SetUpTestSuite();
  static const std::vector<std::string>& examples(const std::string& promise) {
    return survey_->broken[promise];
  }
  static std::unique_ptr<Survey> survey_;
};

std::unique_ptr<Survey> FortyThousandCustomers::survey_;

// "+55 DD 9XXXX-XXXX" -> DD, or 0 when the shape is wrong.
int mobile_area_code(const std::string& phone) {
  auto digit = [&](std::size_t i) { return phone[i] >= '0' && phone[i] <= '9'; };
  if (phone.size() != 17 || phone.compare(0, 4, "+55 ") != 0 || phone[6] != ' ' ||
      phone[7] != '9' || phone[12] != '-') {
    return 0;
  }
  for (std::size_t i : {4, 5, 8, 9, 10, 11, 13, 14, 15, 16}) {
    if (!digit(i)) return 0;
  }
  return (phone[4] - '0') * 10 + (phone[5] - '0');
}

// How many listed surnames follow the given name: 1 or 2, or 0 when the rest is not made of them.
int surname_count(const std::string& rest, const std::unordered_set<std::string>& surnames) {
  if (surnames.count(rest)) return 1;
  for (auto space = rest.find(' '); space != std::string::npos; space = rest.find(' ', space + 1)) {
    if (surnames.count(rest.substr(0, space)) && surnames.count(rest.substr(space + 1))) return 2;
  }
  return 0;
}

void FortyThousandCustomers::SetUpTestSuite() {
  survey_ = std::make_unique<Survey>();
  Survey& s = *survey_;
  CustomerGenerator generator(20'241'130, data_dir());
  const BrazilFacts& facts = generator.facts();

  std::unordered_set<std::string> given_names(facts.female_names.begin(), facts.female_names.end());
  given_names.insert(facts.male_names.begin(), facts.male_names.end());
  const std::unordered_set<std::string> surnames(facts.surnames.begin(), facts.surnames.end());
  const auto codes = facts.all_area_codes();
  const std::set<int> real_codes(codes.begin(), codes.end());
  std::unordered_map<std::string, const City*> cities;  // "São Paulo/SP"
  for (const auto& city : facts.cities) cities[city.name + "/" + city.uf] = &city;
  const std::set<std::string> reserved = {"example.com", "example.net", "example.org",
                                          "correio.example", "email.test"};
  const auto oldest = clock::Date{CustomerGenerator::kReferenceDate.year - 90, 1, 1};
  const auto youngest = clock::Date{CustomerGenerator::kReferenceDate.year - 18, 1, 1};
  const auto today = clock::today_utc();

  std::unordered_set<std::string> emails;
  std::unordered_set<std::string> cpfs;
  for (int i = 0; i < kCount; ++i) {
    const json body = generator.next();

    // S2's own validation costs as much as making the body under the sanitizers: every fifth
    // body (8,000 of them) is plenty to catch a rule the generator gets wrong.
    if (i % 5 == 0) {
      Violations violations;
      read_customer(body, violations);
      std::string why;
      for (const auto& f : violations.fields()) why += " [" + f.field + ": " + f.message + "]";
      s.expect(violations.empty(), "S2 accepts the body", body, why);
    }

    const auto& name = body.at("name").get_ref<const std::string&>();
    const auto space = name.find(' ');
    const bool given_ok = space != std::string::npos && given_names.count(name.substr(0, space));
    const int parts = given_ok ? 1 + surname_count(name.substr(space + 1), surnames) : 0;
    s.expect(parts == 2 || parts == 3, "the name is a given name and one or two surnames", body);

    const auto& email = body.at("email").get_ref<const std::string&>();
    s.expect(emails.insert(email).second, "e-mails are unique", body);
    const auto at = email.find('@');
    s.domains_seen.insert(email.substr(at + 1));
    s.expect(reserved.count(email.substr(at + 1)) == 1, "e-mails use reserved domains", body);
    const std::string given_word = email_word(name.substr(0, space));
    const bool derived = email.compare(0, given_word.size(), given_word) == 0 ||
                         email.compare(0, 2, given_word.substr(0, 1) + ".") == 0;
    s.expect(derived, "the e-mail starts with the given name or its initial", body);

    const auto& cpf = body.at("cpf").get_ref<const std::string&>();
    const auto digits = brazil::normalize_cpf(cpf);
    s.expect(digits.has_value(), "CPFs have valid check digits", body);
    if (digits) {
      s.expect(cpfs.insert(*digits).second, "CPFs are unique", body);
      const auto base = static_cast<std::uint32_t>(std::stoul(digits->substr(0, 9)));
      s.lowest_cpf_base = std::min(s.lowest_cpf_base, base);
      s.highest_cpf_base = std::max(s.highest_cpf_base, base);
      (cpf.size() == 14 ? s.formatted_cpfs : s.plain_cpfs)++;
    }

    const auto birth = clock::parse_date(body.at("birth_date").get_ref<const std::string&>());
    s.expect(
        birth && *birth >= oldest && *birth <= youngest && *birth < today && birth->year >= 1900,
        "birth dates are 18 to 90 years before the reference date", body);

    const json& addresses = body.at("addresses");
    s.address_counts[addresses.size()]++;
    const int area_code = mobile_area_code(body.at("phone").get_ref<const std::string&>());
    s.expect(real_codes.count(area_code) == 1, "phones are +55 DD 9XXXX-XXXX with a real DDD",
             body);
    for (std::size_t a = 0; a < addresses.size(); ++a) {
      const json& address = addresses[a];
      const auto& uf = address.at("state").get_ref<const std::string&>();
      s.expect(brazil::normalize_uf(uf) == uf, "states are uppercase UFs", body);
      const auto found = cities.find(address.at("city").get_ref<const std::string&>() + "/" + uf);
      s.expect(found != cities.end(), "the city belongs to the state", body);
      const auto& cep_text = address.at("postal_code").get_ref<const std::string&>();
      const auto cep = brazil::normalize_cep(cep_text);
      s.expect(cep && cep_text.size() == 9 && cep_text[5] == '-', "CEPs look like 01310-100", body);
      if (cep && found != cities.end()) {
        const auto value = static_cast<std::uint32_t>(std::stoul(*cep));
        const auto& ranges = found->second->postal_codes;
        s.expect(std::any_of(ranges.begin(), ranges.end(),
                             [&](const CepRange& r) { return r.contains(value); }),
                 "every CEP lies in its city's range", body);
        s.expect(value % 1000 <= 899, "CEPs use street suffixes (000-899)", body);
        s.cities_seen.insert(found->second->name);
        if (a == 0) {
          s.expect(area_code == found->second->area_code,
                   "the phone's DDD is the first address's city's", body);
        }
      }
      s.expect(address.at("country") == "BR", "the country is BR", body);
      s.sem_numero += address.at("number") == "s/n" ? 1 : 0;
      s.with_district += address.contains("district") ? 1 : 0;
    }
  }
}

// One test per promise; each prints up to five offending bodies.
#define EXPECT_PROMISE_KEPT(promise)                         \
  EXPECT_TRUE(examples(promise).empty()) << promise << ":\n" \
                                         << ::testing::PrintToString(examples(promise))

TEST_F(FortyThousandCustomers, S2AcceptsTheBodies) {
  EXPECT_PROMISE_KEPT("S2 accepts the body");
}

TEST_F(FortyThousandCustomers, NamesAreAGivenNameAndOneOrTwoSurnames) {
  EXPECT_PROMISE_KEPT("the name is a given name and one or two surnames");
}

TEST_F(FortyThousandCustomers, EmailsAreUnique) {
  EXPECT_PROMISE_KEPT("e-mails are unique");
}

TEST_F(FortyThousandCustomers, EmailsUseOnlyReservedDomains) {
  EXPECT_PROMISE_KEPT("e-mails use reserved domains");
  EXPECT_GE(survey_->domains_seen.size(), 3u);
}

TEST_F(FortyThousandCustomers, EmailsDeriveFromTheName) {
  EXPECT_PROMISE_KEPT("the e-mail starts with the given name or its initial");
}

TEST_F(FortyThousandCustomers, CpfsHaveValidCheckDigits) {
  EXPECT_PROMISE_KEPT("CPFs have valid check digits");
}

TEST_F(FortyThousandCustomers, CpfsAreUnique) {
  EXPECT_PROMISE_KEPT("CPFs are unique");
}

TEST_F(FortyThousandCustomers, CpfsSpanTheWholeBaseRangeInBothFormats) {
  EXPECT_LT(survey_->lowest_cpf_base, 10'000'000u);
  EXPECT_GT(survey_->highest_cpf_base, 990'000'000u);
  EXPECT_GT(survey_->formatted_cpfs, FortyThousandCustomers::kCount / 3);
  EXPECT_GT(survey_->plain_cpfs, FortyThousandCustomers::kCount / 3);
}

TEST_F(FortyThousandCustomers, BirthDatesAre18To90YearsBeforeTheReferenceDate) {
  EXPECT_PROMISE_KEPT("birth dates are 18 to 90 years before the reference date");
}

TEST_F(FortyThousandCustomers, PhonesAreBrazilianMobilesWithARealAreaCode) {
  EXPECT_PROMISE_KEPT("phones are +55 DD 9XXXX-XXXX with a real DDD");
}

TEST_F(FortyThousandCustomers, ThePhoneAreaCodeMatchesTheFirstAddress) {
  EXPECT_PROMISE_KEPT("the phone's DDD is the first address's city's");
}

TEST_F(FortyThousandCustomers, StatesAreValidUfs) {
  EXPECT_PROMISE_KEPT("states are uppercase UFs");
}

TEST_F(FortyThousandCustomers, CitiesBelongToTheirState) {
  EXPECT_PROMISE_KEPT("the city belongs to the state");
  EXPECT_GE(survey_->cities_seen.size(), 90u);  // even small cities come up over 40,000 draws
}

TEST_F(FortyThousandCustomers, PostalCodesAreValidCeps) {
  EXPECT_PROMISE_KEPT("CEPs look like 01310-100");
}

TEST_F(FortyThousandCustomers, EveryCepLiesInItsCitysRange) {
  EXPECT_PROMISE_KEPT("every CEP lies in its city's range");
  EXPECT_PROMISE_KEPT("CEPs use street suffixes (000-899)");
}

TEST_F(FortyThousandCustomers, TheCountryIsBrazil) {
  EXPECT_PROMISE_KEPT("the country is BR");
}

TEST_F(FortyThousandCustomers, CustomersHaveZeroOneOrTwoAddresses) {
  const auto& counts = survey_->address_counts;
  EXPECT_EQ(counts.size(), 3u);
  for (std::size_t n = 0; n <= 2; ++n)
    EXPECT_GT(counts.count(n) ? counts.at(n) : 0, kCount / 10) << n;
}

TEST_F(FortyThousandCustomers, SomeHousesHaveNoNumberAndMostAddressesADistrict) {
  EXPECT_GT(survey_->sem_numero, kCount / 100);
  EXPECT_GT(survey_->with_district, kCount / 2);
}

}  // namespace
}  // namespace ld::s1
