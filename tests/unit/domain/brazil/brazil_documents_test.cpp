// Brazilian documents: CPF check digits, CEP and UF forms.
#include "domain/brazil/documents.hpp"

#include <gtest/gtest.h>

namespace ld {
namespace {

TEST(Cpf, AcceptsFormattedOrPlainWithValidCheckDigits) {
  EXPECT_EQ(brazil::normalize_cpf("529.982.247-25"), "52998224725");
  EXPECT_EQ(brazil::normalize_cpf("52998224725"), "52998224725");
}

TEST(Cpf, RefusesWrongCheckDigitsRepeatedDigitsAndOtherShapes) {
  for (const char* bad : {"529.982.247-24", "111.111.111-11", "00000000000", "", "5299822472",
                          "529-982-247.25", "52998224725 ", "abcdefghijk"}) {
    EXPECT_FALSE(brazil::normalize_cpf(bad)) << bad;
  }
}

TEST(Cpf, CheckDigitsOfTheFirstNine) {
  EXPECT_EQ(brazil::cpf_check_digits("529982247"), "25");
}

TEST(Cep, AcceptsWithOrWithoutHyphen) {
  EXPECT_EQ(brazil::normalize_cep("01310-100"), "01310100");
  EXPECT_EQ(brazil::normalize_cep("01310100"), "01310100");
  EXPECT_FALSE(brazil::normalize_cep("0131-0100"));
  EXPECT_FALSE(brazil::normalize_cep("0131010A"));
}

TEST(Uf, AnyCaseReturnedUppercase) {
  EXPECT_EQ(brazil::normalize_uf("sp"), "SP");
  EXPECT_FALSE(brazil::normalize_uf("XX"));
}

}  // namespace
}  // namespace ld
