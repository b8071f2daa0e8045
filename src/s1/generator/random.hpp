// Deterministic pseudo-random numbers for S1. The same seed gives the same sequence on every
// platform and standard library; std:: distributions do not promise that, so none is used here.
#pragma once

#include <array>
#include <cstdint>
#include <stdexcept>
#include <vector>

namespace ld::s1 {

// SplitMix64 (Steele, Lea and Flood, 2014): turns one 64-bit seed into well-mixed words, used
// to fill the xoshiro state so that nearby seeds (1, 2, 3...) still give unrelated streams.
class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next();

 private:
  std::uint64_t state_;
};

// xoshiro256** (Blackman and Vigna, 2018).
class Random {
 public:
  explicit Random(std::uint64_t seed);
  // Exact state, for reference vectors; an all-zero state is rejected (it would stay zero).
  explicit Random(const std::array<std::uint64_t, 4>& state);

  std::uint64_t next();

  // Uniform in [0, n) without modulo bias; n must be > 0.
  std::uint64_t below(std::uint64_t n);

  // Uniform in [low, high], both included; low must be <= high.
  std::int64_t between(std::int64_t low, std::int64_t high);

  // Uniform in [0, 1) with 53 random bits.
  double unit();

  // True with probability p (p <= 0 never, p >= 1 always).
  bool chance(double p);

  // One element, each equally likely; the vector must not be empty.
  template <typename T>
  const T& pick(const std::vector<T>& items) {
    if (items.empty()) throw std::invalid_argument("Random::pick on an empty list");
    return items[static_cast<std::size_t>(below(items.size()))];
  }
  // A reference into a temporary list would dangle.
  template <typename T>
  const T& pick(const std::vector<T>&& items) = delete;

  // An index drawn in proportion to its weight; the weights must not all be zero.
  std::size_t weighted(const std::vector<std::uint64_t>& weights);

  // A new generator seeded from this one, for a sub-task that must not shift this stream.
  Random split();

 private:
  std::array<std::uint64_t, 4> state_{};
};

}  // namespace ld::s1
