#include "s1/generator/customer_generator.hpp"

#include <chrono>

#include <fmt/format.h>

#include "domain/brazil/documents.hpp"
#include "s1/generator/email_words.hpp"

namespace ld::s1 {

namespace {

// RFC 2606 / RFC 6761 reserved names: no real mailbox can ever receive these addresses.
const std::vector<std::string> kEmailDomains = {"example.com", "example.net", "example.org",
                                                "correio.example", "email.test"};

std::chrono::sys_days to_days(const clock::Date& date) {
  return std::chrono::sys_days{std::chrono::year{date.year} / std::chrono::month{date.month} /
                               std::chrono::day{date.day}};
}

clock::Date to_date(std::chrono::sys_days days) {
  const std::chrono::year_month_day ymd{days};
  return {static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
          static_cast<unsigned>(ymd.day())};
}

std::string full_name(const std::string& given, const std::vector<std::string>& surnames) {
  std::string name = given;
  for (const auto& surname : surnames) name += " " + surname;
  return name;
}

}  // namespace

CustomerGenerator::CustomerGenerator(std::uint64_t seed, const std::string& data_dir)
    : facts_(std::make_unique<const BrazilFacts>(load_brazil_facts(data_dir))),
      addresses_(*facts_),
      area_codes_(facts_->all_area_codes()),
      random_(seed) {}

nlohmann::json CustomerGenerator::next() {
  return customer(false);
}

nlohmann::json CustomerGenerator::next_invalid() {
  return next_invalid_case().body;
}

InvalidCustomer CustomerGenerator::next_invalid_case() {
  // Address rules need an address to break, so invalid bodies always carry one or two.
  return break_one_rule(customer(true), random_);
}

nlohmann::json CustomerGenerator::customer(bool needs_address) {
  const PersonName person = person_name();
  const clock::Date birth = birth_date();
  nlohmann::json body;
  body["name"] = full_name(person.given, person.surnames);
  body["email"] = email(person, birth);
  body["cpf"] = cpf();
  body["birth_date"] = clock::format_date(birth);

  // About one customer in five gives no address, three in five one, one in five two.
  static const std::vector<std::uint64_t> kAddressCountWeights = {20, 60, 20};
  const std::size_t count =
      needs_address ? 1 + random_.below(2) : random_.weighted(kAddressCountWeights);
  nlohmann::json addresses = nlohmann::json::array();
  int area_code = 0;
  for (std::size_t i = 0; i < count; ++i) {
    DrawnAddress address = addresses_.next(random_);
    // People keep the mobile number of where they live: the first address's area code.
    if (i == 0) area_code = address.city->area_code;
    addresses.push_back(std::move(address.body));
  }
  if (area_code == 0) area_code = random_.pick(area_codes_);
  body["phone"] = phone(area_code);
  body["addresses"] = std::move(addresses);
  return body;
}

CustomerGenerator::PersonName CustomerGenerator::person_name() {
  PersonName person;
  const auto& given_names = random_.chance(0.5) ? facts_->female_names : facts_->male_names;
  person.given = random_.pick(given_names);
  person.surnames.push_back(random_.pick(facts_->surnames));
  if (random_.chance(0.55)) {
    // Two different family names ("Silva" and "da Silva" count as the same one).
    std::string second = random_.pick(facts_->surnames);
    while (email_surname(second) == email_surname(person.surnames.front())) {
      second = random_.pick(facts_->surnames);
    }
    person.surnames.push_back(std::move(second));
  }
  return person;
}

std::string CustomerGenerator::email(const PersonName& person, const clock::Date& birth) {
  const std::string given = email_word(person.given);
  const std::string first = email_surname(person.surnames.front());
  const std::string last = email_surname(person.surnames.back());
  std::string local;
  switch (random_.below(5)) {
    case 0:
      local = given + "." + last;
      break;
    case 1:
      local = given + "_" + last;
      break;
    case 2:
      local = given + last;
      break;
    case 3:
      local = given.substr(0, 1) + "." + last;
      break;
    default:
      local = given + "." + (first == last ? last : first + "." + last);
      break;
  }
  // Many people add their birth year or a favourite number.
  const auto suffix = random_.below(10);
  if (suffix >= 4 && suffix <= 5) local += fmt::format("{:02}", birth.year % 100);
  if (suffix == 6) local += std::to_string(birth.year);
  if (suffix >= 7) local += std::to_string(random_.between(1, 999));
  const std::string& domain = random_.pick(kEmailDomains);

  std::string address = local + "@" + domain;
  // Taken: add digits, allowing longer numbers the longer the name stays taken.
  std::int64_t limit = 99;
  for (int attempt = 1; !emails_.insert(address).second; ++attempt) {
    if (attempt % 8 == 0 && limit < 999'999'999) limit = limit * 10 + 9;
    address = local + std::to_string(random_.between(1, limit)) + "@" + domain;
  }
  return address;
}

std::string CustomerGenerator::cpf() {
  for (;;) {
    // The whole base range 000000001..999999999, not a convenient corner of it.
    const auto base = static_cast<std::uint32_t>(random_.between(1, 999'999'999));
    const std::string nine = fmt::format("{:09}", base);
    const std::string digits = nine + brazil::cpf_check_digits(nine);
    // normalize_cpf also refuses one repeated digit (111.111.111-11).
    if (!brazil::normalize_cpf(digits) || !cpf_bases_.insert(base).second) continue;
    if (random_.chance(0.5)) return digits;
    return fmt::format("{}.{}.{}-{}", digits.substr(0, 3), digits.substr(3, 3), digits.substr(6, 3),
                       digits.substr(9, 2));
  }
}

std::string CustomerGenerator::phone(int area_code) {
  // Mobile numbers: nine digits starting with 9 since Anatel's 2012-2016 migration.
  const auto first = random_.below(10'000);
  const auto second = random_.below(10'000);
  return fmt::format("+55 {} 9{:04}-{:04}", area_code, first, second);
}

clock::Date CustomerGenerator::birth_date() {
  // kReferenceDate is a 1 January, so the same day kMaxAge or kMinAge years earlier exists.
  static_assert(kReferenceDate.month == 1 && kReferenceDate.day == 1);
  const auto oldest = to_days({kReferenceDate.year - kMaxAge, 1, 1});
  const auto youngest = to_days({kReferenceDate.year - kMinAge, 1, 1});
  const auto offset = random_.between(0, (youngest - oldest).count());
  return to_date(oldest + std::chrono::days{offset});
}

}  // namespace ld::s1
