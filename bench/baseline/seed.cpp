// Seed files are small (a few hundred lines), read once before the clock starts.
#include "baseline/seed.hpp"

#include <fstream>
#include <stdexcept>

namespace ld::bench {

namespace {

std::vector<std::string> read_lines(const std::string& path) {
  std::vector<std::string> lines;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

}  // namespace

Seed read_seed(const std::string& folder) {
  return {read_lines(folder + "/customers.txt"), read_lines(folder + "/books.txt"),
          read_lines(folder + "/orders.txt"), read_lines(folder + "/words.txt")};
}

void require(const std::vector<std::string>& list, const char* what) {
  if (list.empty()) throw std::runtime_error(std::string("the seed folder has no ") + what);
}

std::pair<const std::string*, const std::string*> RandomPick::two_of(
    const std::vector<std::string>& list) {
  if (list.size() < 2) throw std::invalid_argument("two distinct picks need two entries");
  std::uniform_int_distribution<std::size_t> any(0, list.size() - 1);
  const std::size_t first = any(engine_);
  std::size_t second = any(engine_);
  while (second == first) second = any(engine_);
  return {&list[first], &list[second]};
}

}  // namespace ld::bench
