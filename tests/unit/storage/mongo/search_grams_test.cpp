// The grams a book stores for GET /books?q= and the one a search looks up (search_grams.hpp).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "storage/mongo/search_grams.hpp"

namespace ld::mongo {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Not;

TEST(SearchGrams, AreTheDistinctRunsOfOneToThreeCharactersOfEachText) {
  EXPECT_THAT(search_grams({"abab"}), ElementsAre("a", "b", "ab", "ba", "aba", "bab"));
}

TEST(SearchGrams, CountCharactersNotBytes) {
  const auto grams = search_grams({"ção"});
  EXPECT_THAT(grams, ElementsAre("ç", "ã", "o", "çã", "ão", "ção"));
}

TEST(SearchGrams, NeverSpanTwoTexts) {
  const auto grams = search_grams({"ab", "cd"});
  EXPECT_THAT(grams, Not(Contains("bc")));
  EXPECT_THAT(grams, Contains("cd"));
}

TEST(SearchGramFor, EveryGramASearchLooksUpIsOneTheMatchingBookStores) {
  const std::string title = "memórias póstumas de brás cubas";
  const auto grams = search_grams({title});
  for (std::size_t from = 0; from < title.size(); ++from) {
    for (std::size_t n = 1; from + n <= title.size(); ++n) {
      const auto part = title.substr(from, n);
      // Only whole characters: a part that cuts a two-byte letter is no query anyone sends.
      if ((static_cast<unsigned char>(part.front()) & 0xC0) == 0x80) continue;
      if ((static_cast<unsigned char>(part.back()) & 0xC0) == 0xC0) continue;
      EXPECT_THAT(grams, Contains(search_gram_for(part))) << part;
    }
  }
}

TEST(SearchGramFor, PicksTheRunOfRarestLetters) {
  EXPECT_EQ(search_gram_for("casa do xadrez"), "xad");
  EXPECT_EQ(search_gram_for("ab"), "ab");
  EXPECT_EQ(search_gram_for(""), "");
}

}  // namespace ld::mongo
