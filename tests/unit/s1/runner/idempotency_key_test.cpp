// The Idempotency-Key: stable for one record, different for any other record.
#include <gtest/gtest.h>

#include <regex>

#include "s1/runner/idempotency_key.hpp"

namespace {

using ld::s1::idempotency_key;

TEST(IdempotencyKey, IsTheSameForTheSameRecord) {
  EXPECT_EQ(idempotency_key(42, "customers", 7, R"({"a":1})"),
            idempotency_key(42, "customers", 7, R"({"a":1})"));
}

TEST(IdempotencyKey, DiffersBySeedPhaseIndexAndBody) {
  const auto base = idempotency_key(42, "customers", 7, R"({"a":1})");
  EXPECT_NE(base, idempotency_key(43, "customers", 7, R"({"a":1})"));
  EXPECT_NE(base, idempotency_key(42, "books", 7, R"({"a":1})"));
  EXPECT_NE(base, idempotency_key(42, "customers", 8, R"({"a":1})"));
  EXPECT_NE(base, idempotency_key(42, "customers", 7, R"({"a":2})"));
}

TEST(IdempotencyKey, IsUuidShapedAndAcceptableToS2) {
  const auto key = idempotency_key(1, "orders", 0, "{}");
  EXPECT_TRUE(std::regex_match(
      key, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")))
      << key;
}

}  // namespace
