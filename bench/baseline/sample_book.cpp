// Keep in step with bench/wrk/post_books.lua: same fields, same sizes.
#include "baseline/sample_book.hpp"

#include <fmt/format.h>

namespace ld::bench {

nlohmann::json sample_book(const std::vector<std::string>& words, RandomPick& pick,
                           const std::string& origin, std::size_t thread, std::uint64_t n) {
  const std::string title = fmt::format("{} {} {} {}-{}-{}", pick.one_of(words), pick.one_of(words),
                                        pick.one_of(words), origin, thread, n);
  return {{"title", title},
          {"authors", {"Ana Souza", "Carlos Lima"}},
          {"publisher", "Editora Livros & Dados"},
          {"published_date", "2019-05-01"},
          {"language", "pt"},
          {"categories", {"Ficção"}},
          {"page_count", 320},
          {"description",
           "Uma história sobre a cidade, o mar e o tempo, contada por quem viveu cada estação "
           "entre o sertão e a costa."},
          {"price", {{"amount", "39.90"}, {"currency", "BRL"}}},
          {"stock", 1000000}};
}

}  // namespace ld::bench
