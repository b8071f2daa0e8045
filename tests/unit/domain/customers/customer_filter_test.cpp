// The ?email= and ?q= filters of GET /customers.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "domain/customers/customer_filter.hpp"
#include "support/expect_error.hpp"

namespace ld {
namespace {

using test::violation_fields;
using ::testing::ElementsAre;

TEST(CustomerFilter, AbsentOrBlankMeansNoFilter) {
  const auto none = read_customer_filter(std::nullopt, std::nullopt);
  EXPECT_FALSE(none.email);
  EXPECT_FALSE(none.q);
  const auto blank = read_customer_filter(std::string(" "), std::string(""));
  EXPECT_FALSE(blank.email);
  EXPECT_FALSE(blank.q);
}

TEST(CustomerFilter, ValuesAreTrimmedAndKeptAsGiven) {
  const auto f = read_customer_filter(std::string(" Ana@Example.com "), std::string(" Conceição "));
  EXPECT_EQ(f.email, "Ana@Example.com");
  EXPECT_EQ(f.q, "Conceição");
}

TEST(CustomerFilter, RegexAndLikeCharactersAreJustText) {
  const auto f = read_customer_filter(std::nullopt, std::string("50% .*_\\"));
  EXPECT_EQ(f.q, "50% .*_\\");
}

TEST(CustomerFilter, NulIsInvalid) {
  EXPECT_THAT(violation_fields([] { read_customer_filter(std::nullopt, std::string("a\0b", 3)); }),
              ElementsAre("q"));
}

TEST(CustomerFilter, BrokenUtf8IsInvalid) {
  EXPECT_THAT(violation_fields([] { read_customer_filter(std::string("a\xC3"), std::nullopt); }),
              ElementsAre("email"));
  EXPECT_THAT(
      violation_fields([] { read_customer_filter(std::nullopt, std::string("\xED\xA0\x80")); }),
      ElementsAre("q"));
}

TEST(CustomerFilter, TooLongIsInvalid) {
  EXPECT_THAT(
      violation_fields([] { read_customer_filter(std::string(255, 'e'), std::string(201, 'q')); }),
      ElementsAre("email", "q"));
}

TEST(CustomerFilter, TheLimitCountsTheValueAsSentSpacesIncluded) {
  // The document's maxLength is on the parameter as sent; trimming comes after.
  EXPECT_THAT(violation_fields(
                  [] { read_customer_filter(std::string(255, ' '), " " + std::string(200, 'q')); }),
              ElementsAre("email", "q"));
}

}  // namespace
}  // namespace ld
