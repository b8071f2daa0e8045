#include "domain/books/isbn.hpp"

#include <gtest/gtest.h>

namespace ld::books {

TEST(Isbn10, AcceptsDigitsWithHyphensOrSpacesAndReturnsDigits) {
  EXPECT_EQ(normalize_isbn10("85-359-0277-5"), "8535902775");
  EXPECT_EQ(normalize_isbn10("85 359 0277 5"), "8535902775");
  EXPECT_EQ(normalize_isbn10("8535902775"), "8535902775");
}

TEST(Isbn10, CheckCharacterXMeansTenAndIsReturnedUppercase) {
  EXPECT_EQ(normalize_isbn10("0-8044-2957-x"), "080442957X");
  EXPECT_EQ(normalize_isbn10("080442957X"), "080442957X");
}

TEST(Isbn10, XIsOnlyAllowedAsTheCheckCharacter) {
  EXPECT_FALSE(normalize_isbn10("X804429570"));
}

TEST(Isbn10, WrongCheckDigitIsRejected) {
  EXPECT_FALSE(normalize_isbn10("8535902776"));
}

TEST(Isbn10, WrongLengthOrCharactersAreRejected) {
  EXPECT_FALSE(normalize_isbn10("853590277"));
  EXPECT_FALSE(normalize_isbn10("85359027750"));
  EXPECT_FALSE(normalize_isbn10("85.359.0277.5"));
  EXPECT_FALSE(normalize_isbn10(""));
}

TEST(Isbn13, AcceptsHyphensAndReturnsDigits) {
  EXPECT_EQ(normalize_isbn13("978-85-359-0277-8"), "9788535902778");
  EXPECT_EQ(normalize_isbn13("979-10-90636-07-1"), "9791090636071");
}

TEST(Isbn13, MustStartWith978Or979) {
  EXPECT_FALSE(normalize_isbn13("9778535902779"));  // check digit right for the 977 prefix
}

TEST(Isbn13, WrongCheckDigitIsRejected) {
  EXPECT_FALSE(normalize_isbn13("9788535902779"));
}

TEST(Isbn13, XIsNeverAllowed) {
  EXPECT_FALSE(normalize_isbn13("978853590277X"));
}

TEST(Isbn13, WrongLengthIsRejected) {
  EXPECT_FALSE(normalize_isbn13("978853590277"));
  EXPECT_FALSE(normalize_isbn13("97885359027780"));
}

}  // namespace ld::books
