// What run.sh seeded through S2's API, as files of one entry per line in the seed folder:
// customers.txt, books.txt, orders.txt (ids) and words.txt (words the seeded titles contain).
// GET workloads pick from these at random, as the wrk scripts do.
#pragma once

#include <cstddef>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace ld::bench {

struct Seed {
  std::vector<std::string> customer_ids;
  std::vector<std::string> book_ids;
  std::vector<std::string> order_ids;
  std::vector<std::string> words;
};

// Files that are missing give empty lists; a workload that needs one checks it.
Seed read_seed(const std::string& folder);

// Throws std::runtime_error naming the list when it is empty.
void require(const std::vector<std::string>& list, const char* what);

class RandomPick {
 public:
  explicit RandomPick(std::size_t thread_index) : engine_(std::random_device{}() + thread_index) {}

  const std::string& one_of(const std::vector<std::string>& list) {
    return list[std::uniform_int_distribution<std::size_t>(0, list.size() - 1)(engine_)];
  }
  // Two different entries, as an order's two distinct books.
  std::pair<const std::string*, const std::string*> two_of(const std::vector<std::string>& list);

 private:
  std::mt19937_64 engine_;
};

}  // namespace ld::bench
