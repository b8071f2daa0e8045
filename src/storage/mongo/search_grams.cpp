#include "storage/mongo/search_grams.hpp"

#include <algorithm>
#include <unordered_set>

namespace ld::mongo {

namespace {

constexpr std::size_t kGram = 3;

// The code points of valid UTF-8, each as its own byte string.
std::vector<std::string_view> code_points(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t width = 1;
    if (lead >= 0xF0) {
      width = 4;
    } else if (lead >= 0xE0) {
      width = 3;
    } else if (lead >= 0xC0) {
      width = 2;
    }
    width = std::min(width, text.size() - i);
    out.push_back(text.substr(i, width));
    i += width;
  }
  return out;
}

std::string joined(const std::vector<std::string_view>& points, std::size_t from, std::size_t n) {
  std::string out;
  for (std::size_t k = from; k < from + n; ++k) out += points[k];
  return out;
}

// How common a character is in Portuguese and English titles and names: its rank among the
// letters by frequency, space and digits counted as common; anything else (accented letters,
// punctuation) as rare.
int commonness(std::string_view point) {
  constexpr std::string_view kByFrequency = " eaosrintdmulcphvgqbfzjxkwy";
  if (point.size() != 1) return 0;
  const auto at = kByFrequency.find(point[0]);
  if (at != std::string_view::npos) return static_cast<int>(kByFrequency.size() - at);
  return point[0] >= '0' && point[0] <= '9' ? 10 : 0;
}

}  // namespace

std::vector<std::string> search_grams(const std::vector<std::string>& folded_texts) {
  std::vector<std::string> grams;
  std::unordered_set<std::string> seen;
  for (const auto& text : folded_texts) {
    const auto points = code_points(text);
    for (std::size_t n = 1; n <= kGram; ++n) {
      for (std::size_t i = 0; i + n <= points.size(); ++i) {
        auto gram = joined(points, i, n);
        if (seen.insert(gram).second) grams.push_back(std::move(gram));
      }
    }
  }
  return grams;
}

std::string search_gram_for(std::string_view folded_query) {
  const auto points = code_points(folded_query);
  if (points.empty()) return {};
  const std::size_t n = std::min(points.size(), kGram);
  std::size_t best = 0;
  int best_score = 0;
  for (std::size_t i = 0; i + n <= points.size(); ++i) {
    int score = 0;
    for (std::size_t k = i; k < i + n; ++k) score += commonness(points[k]);
    if (i == 0 || score < best_score) {
      best = i;
      best_score = score;
    }
  }
  return joined(points, best, n);
}

}  // namespace ld::mongo
