#include "s1/generator/random.hpp"

#include <numeric>

namespace ld::s1 {

namespace {
constexpr std::uint64_t rotate_left(std::uint64_t x, int k) {
  return (x << k) | (x >> (64 - k));
}
}  // namespace

std::uint64_t SplitMix64::next() {
  std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

Random::Random(std::uint64_t seed) {
  SplitMix64 mix(seed);
  for (auto& word : state_) word = mix.next();
}

Random::Random(const std::array<std::uint64_t, 4>& state) : state_(state) {
  if (state_[0] == 0 && state_[1] == 0 && state_[2] == 0 && state_[3] == 0) {
    throw std::invalid_argument("xoshiro256** state must not be all zero");
  }
}

std::uint64_t Random::next() {
  const std::uint64_t result = rotate_left(state_[1] * 5, 7) * 9;
  const std::uint64_t t = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= t;
  state_[3] = rotate_left(state_[3], 45);
  return result;
}

std::uint64_t Random::below(std::uint64_t n) {
  if (n == 0) throw std::invalid_argument("Random::below(0)");
  // Values under `threshold` would make the low residues more likely: 2^64 mod n of them.
  const std::uint64_t threshold = (0 - n) % n;
  for (;;) {
    const std::uint64_t r = next();
    if (r >= threshold) return r % n;
  }
}

std::int64_t Random::between(std::int64_t low, std::int64_t high) {
  if (low > high) throw std::invalid_argument("Random::between with low > high");
  // Unsigned arithmetic: the span of [INT64_MIN, INT64_MAX] does not fit in int64.
  const std::uint64_t span = static_cast<std::uint64_t>(high) - static_cast<std::uint64_t>(low);
  const std::uint64_t offset = span == UINT64_MAX ? next() : below(span + 1);
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(low) + offset);
}

double Random::unit() {
  return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

bool Random::chance(double p) {
  return unit() < p;
}

std::size_t Random::weighted(const std::vector<std::uint64_t>& weights) {
  const std::uint64_t total = std::accumulate(weights.begin(), weights.end(), std::uint64_t{0});
  if (total == 0) throw std::invalid_argument("Random::weighted with no positive weight");
  std::uint64_t ticket = below(total);
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (ticket < weights[i]) return i;
    ticket -= weights[i];
  }
  return weights.size() - 1;  // unreachable: ticket < total
}

Random Random::split() {
  return Random(next());
}

}  // namespace ld::s1
