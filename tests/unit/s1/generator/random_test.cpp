// The random source: reference sequences (so every platform gives the same stream), ranges and
// the absence of bias in bounded draws.
#include "s1/generator/random.hpp"

#include <array>
#include <map>
#include <set>

#include <gtest/gtest.h>

namespace ld::s1 {
namespace {

TEST(Random, SplitMix64FollowsTheReferenceSequence) {
  // First outputs of the published SplitMix64 for seed 0.
  SplitMix64 mix(0);
  EXPECT_EQ(mix.next(), 0xe220a8397b1dcdafULL);
  EXPECT_EQ(mix.next(), 0x6e789e6aa1b965f4ULL);
  EXPECT_EQ(mix.next(), 0x06c45d188009454fULL);
}

TEST(Random, Xoshiro256StarStarFollowsTheReferenceSequence) {
  // First outputs of the published xoshiro256** from the state {1, 2, 3, 4}.
  Random random(std::array<std::uint64_t, 4>{1, 2, 3, 4});
  EXPECT_EQ(random.next(), 11520ULL);
  EXPECT_EQ(random.next(), 0ULL);
  EXPECT_EQ(random.next(), 1509978240ULL);
  EXPECT_EQ(random.next(), 1215971899390074240ULL);
  EXPECT_EQ(random.next(), 1216172134540287360ULL);
  EXPECT_EQ(random.next(), 607988272756665600ULL);
}

TEST(Random, AnAllZeroStateIsRefused) {
  EXPECT_THROW(Random(std::array<std::uint64_t, 4>{0, 0, 0, 0}), std::invalid_argument);
}

TEST(Random, TheSameSeedGivesTheSameStream) {
  Random a(42);
  Random b(42);
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(a.next(), b.next());
}

TEST(Random, NeighbouringSeedsGiveUnrelatedStreams) {
  Random a(1);
  Random b(2);
  int equal = 0;
  for (int i = 0; i < 1000; ++i) equal += a.next() == b.next() ? 1 : 0;
  EXPECT_EQ(equal, 0);
}

TEST(Random, BelowStaysUnderTheBoundAndReachesEveryValue) {
  Random random(7);
  std::set<std::uint64_t> seen;
  for (int i = 0; i < 10'000; ++i) {
    const auto value = random.below(37);
    ASSERT_LT(value, 37u);
    seen.insert(value);
  }
  EXPECT_EQ(seen.size(), 37u);
  EXPECT_EQ(random.below(1), 0u);
  EXPECT_THROW(random.below(0), std::invalid_argument);
}

TEST(Random, BelowIsUnbiasedForABoundThatDoesNotDivideTwoToThe64) {
  // 3 * 2^62 leaves a large remainder: a plain modulo would put 50% of draws in the lowest
  // third. Rejection sampling keeps each third near 1/3.
  Random random(11);
  const std::uint64_t bound = 3ULL << 62;
  std::array<int, 3> thirds{};
  const int draws = 30'000;
  for (int i = 0; i < draws; ++i) ++thirds[random.below(bound) / (1ULL << 62)];
  for (int count : thirds) {
    EXPECT_NEAR(count, draws / 3, draws / 50) << "a third drew " << count;
  }
}

TEST(Random, BetweenIncludesBothEnds) {
  Random random(3);
  std::map<std::int64_t, int> counts;
  for (int i = 0; i < 5'000; ++i) ++counts[random.between(-2, 2)];
  ASSERT_EQ(counts.size(), 5u);
  EXPECT_EQ(counts.begin()->first, -2);
  EXPECT_EQ(counts.rbegin()->first, 2);
  EXPECT_EQ(random.between(5, 5), 5);
  EXPECT_THROW(random.between(2, 1), std::invalid_argument);
  // The full int64 span does not overflow.
  random.between(INT64_MIN, INT64_MAX);
}

TEST(Random, UnitIsInTheHalfOpenInterval) {
  Random random(5);
  double sum = 0;
  for (int i = 0; i < 10'000; ++i) {
    const double u = random.unit();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
  }
  EXPECT_NEAR(sum / 10'000, 0.5, 0.02);
}

TEST(Random, ChanceZeroIsNeverAndChanceOneIsAlways) {
  Random random(9);
  for (int i = 0; i < 1'000; ++i) {
    ASSERT_FALSE(random.chance(0.0));
    ASSERT_TRUE(random.chance(1.0));
  }
}

TEST(Random, PickReachesEveryElementAndRefusesAnEmptyList) {
  Random random(13);
  const std::vector<std::string> names = {"Ana", "João", "Conceição"};
  std::set<std::string> seen;
  for (int i = 0; i < 300; ++i) seen.insert(random.pick(names));
  EXPECT_EQ(seen.size(), 3u);
  const std::vector<int> none;
  EXPECT_THROW(random.pick(none), std::invalid_argument);
}

TEST(Random, WeightedFollowsTheWeightsAndSkipsZeroWeights) {
  Random random(17);
  std::array<int, 3> counts{};
  for (int i = 0; i < 20'000; ++i) ++counts[random.weighted({1, 0, 3})];
  EXPECT_EQ(counts[1], 0);
  EXPECT_NEAR(counts[0], 5'000, 400);
  EXPECT_NEAR(counts[2], 15'000, 400);
  EXPECT_THROW(random.weighted({0, 0}), std::invalid_argument);
}

TEST(Random, SplitGivesADeterministicIndependentStream) {
  Random a(21);
  Random b(21);
  Random child_a = a.split();
  Random child_b = b.split();
  EXPECT_EQ(child_a.next(), child_b.next());
  EXPECT_EQ(a.next(), b.next());
  EXPECT_NE(child_a.next(), a.next());
}

}  // namespace
}  // namespace ld::s1
