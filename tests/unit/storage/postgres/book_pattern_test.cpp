// The LIKE pattern GET /books?q= sends to the book index (postgres_book_index.hpp): the client's
// text matched literally, LIKE's own characters escaped.
#include <gtest/gtest.h>

#include "storage/postgres/postgres_book_index.hpp"

namespace ld::postgres {
namespace {

TEST(BookPattern, FindsTheTextAnywhere) {
  EXPECT_EQ(contains_pattern("casa"), "%casa%");
}

TEST(BookPattern, EscapesLikeWildcardsAndTheEscapeCharacter) {
  EXPECT_EQ(contains_pattern("50%"), "%50\\%%");
  EXPECT_EQ(contains_pattern("a_b"), "%a\\_b%");
  EXPECT_EQ(contains_pattern("c:\\dir"), "%c:\\\\dir%");
}

TEST(BookPattern, LeavesRegexMetacharactersAsTheyAre) {
  EXPECT_EQ(contains_pattern(".*(a|b)[^x]$"), "%.*(a|b)[^x]$%");
}

TEST(BookPattern, LeavesMultibyteTextWhole) {
  EXPECT_EQ(contains_pattern("coração"), "%coração%");
}

}  // namespace
}  // namespace ld::postgres
