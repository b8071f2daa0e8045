// Listing customers: keyset pages by id ascending, ?email= and ?q= filters, against real data.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/cursor.hpp"
#include "core/error.hpp"
#include "pg_test_support.hpp"

namespace ld {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

class CustomerSearchPg : public ::testing::Test {
 protected:
  // Its own set of customers, on empty tables.
  static void SetUpTestSuite() {
    Metrics m;
    PostgresStore store(test::pg_settings(), m);
    store.migrate();
    test::reset_customer_tables();
    int tag = 100;
    for (const char* name :
         {"Conceição Alves", "CONCEIÇÃO BRAGA", "Joao Conceicao", "Ana 50% Off", "Ana 50 Percent",
          "Under_Score", "Back\\Slash", "Érica Ávila", "Maria D'Ávila"}) {
      Customer c = test::sample_customer(tag++);
      c.name = name;
      store.customers().create(c);
    }
  }

  std::vector<std::string> names(const CustomerFilter& filter, int limit = 100) {
    std::vector<std::string> out;
    for (const auto& c : repo_.list(filter, PageRequest{limit, std::nullopt}).items) {
      out.push_back(c.name);
    }
    return out;
  }

  static CustomerFilter q(std::string text) {
    return CustomerFilter{std::nullopt, std::move(text)};
  }

  Metrics metrics_;
  PostgresStore store_{test::pg_settings(), metrics_};
  CustomerRepository& repo_ = store_.customers();
};

TEST_F(CustomerSearchPg, ListsByIdAscending) {
  const auto page = repo_.list({}, PageRequest{100, std::nullopt});
  ASSERT_EQ(page.items.size(), 9u);
  for (std::size_t i = 1; i < page.items.size(); ++i) {
    EXPECT_LT(page.items[i - 1].id, page.items[i].id);
  }
  EXPECT_FALSE(page.next);
}

TEST_F(CustomerSearchPg, PagesFollowEachOtherAndNextIsNullExactlyAtTheEnd) {
  std::vector<std::int64_t> seen;
  PageRequest request{4, std::nullopt};
  int pages = 0;
  for (;;) {
    const auto page = repo_.list({}, request);
    ++pages;
    for (const auto& c : page.items) seen.push_back(c.id);
    if (!page.next) break;
    EXPECT_EQ(page.items.size(), 4u);
    // The cursor makes the trip through its opaque text form, as clients see it.
    request.after = cursor::decode(cursor::encode(*page.next));
  }
  EXPECT_EQ(pages, 3);  // 4 + 4 + 1
  EXPECT_EQ(seen.size(), 9u);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
}

TEST_F(CustomerSearchPg, AFullLastPageHasNoNext) {
  const auto first = repo_.list({}, PageRequest{9, std::nullopt});
  EXPECT_EQ(first.items.size(), 9u);
  EXPECT_FALSE(first.next);
}

TEST_F(CustomerSearchPg, AnOldCursorStaysValid) {
  const auto first = repo_.list({}, PageRequest{2, std::nullopt});
  ASSERT_TRUE(first.next);
  // Customers come and go after the cursor was handed out.
  const auto second_before = repo_.list({}, PageRequest{2, first.next});
  Customer extra = test::sample_customer(150);
  const Customer added = repo_.create(extra);
  const auto second_after = repo_.list({}, PageRequest{2, first.next});
  EXPECT_EQ(second_after.items.at(0).id, second_before.items.at(0).id);
  repo_.remove(added.id);
}

TEST_F(CustomerSearchPg, ABadCursorIsInvalid) {
  try {
    repo_.list({}, PageRequest{10, nlohmann::json{{"created_at", "x"}}});
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::invalid);
    EXPECT_EQ(e.fields().at(0).field, "cursor");
  }
}

TEST_F(CustomerSearchPg, QIsACaseInsensitiveSubstringOfTheName) {
  EXPECT_THAT(names(q("alves")), ElementsAre("Conceição Alves"));
  EXPECT_THAT(names(q("ANA 50")), ElementsAre("Ana 50% Off", "Ana 50 Percent"));
}

TEST_F(CustomerSearchPg, QFoldsAccentedCapitals) {
  EXPECT_THAT(names(q("conceição")), ElementsAre("Conceição Alves", "CONCEIÇÃO BRAGA"));
  EXPECT_THAT(names(q("ÁVILA")), ElementsAre("Érica Ávila", "Maria D'Ávila"));
}

TEST_F(CustomerSearchPg, QPatternCharactersMatchLiterally) {
  EXPECT_THAT(names(q("50%")), ElementsAre("Ana 50% Off"));
  EXPECT_THAT(names(q("r_s")), ElementsAre("Under_Score"));
  EXPECT_THAT(names(q("_")), ElementsAre("Under_Score"));
  EXPECT_THAT(names(q("k\\s")), ElementsAre("Back\\Slash"));
  EXPECT_THAT(names(q(".*")), IsEmpty());
  EXPECT_THAT(names(q("D'Á")), ElementsAre("Maria D'Ávila"));
}

TEST_F(CustomerSearchPg, EmailIsExactAndCaseInsensitive) {
  EXPECT_THAT(names({std::string("CLIENTE101@example.COM.BR"), std::nullopt}),
              ElementsAre("CONCEIÇÃO BRAGA"));
  EXPECT_THAT(names({std::string("cliente101@example.com"), std::nullopt}), IsEmpty());
}

TEST_F(CustomerSearchPg, FiltersCombineWithAnd) {
  EXPECT_THAT(names({std::string("cliente101@example.com.br"), std::string("braga")}),
              ElementsAre("CONCEIÇÃO BRAGA"));
  EXPECT_THAT(names({std::string("cliente101@example.com.br"), std::string("alves")}), IsEmpty());
}

TEST_F(CustomerSearchPg, FilteredListsPageToo) {
  const auto first = repo_.list(q("conceição"), PageRequest{1, std::nullopt});
  ASSERT_EQ(first.items.size(), 1u);
  ASSERT_TRUE(first.next);
  const auto second = repo_.list(q("conceição"), PageRequest{1, first.next});
  ASSERT_EQ(second.items.size(), 1u);
  EXPECT_EQ(second.items[0].name, "CONCEIÇÃO BRAGA");
  EXPECT_FALSE(second.next);
}

}  // namespace
}  // namespace ld
