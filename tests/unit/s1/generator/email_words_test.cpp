// How names become the words of an e-mail address.
#include "s1/generator/email_words.hpp"

#include <gtest/gtest.h>

namespace ld::s1 {
namespace {

TEST(EmailWords, AccentsBecomeTheirBaseLetter) {
  EXPECT_EQ(email_word("João"), "joao");
  EXPECT_EQ(email_word("Conceição"), "conceicao");
  EXPECT_EQ(email_word("Antônio"), "antonio");
  EXPECT_EQ(email_word("Ágatha"), "agatha");
  EXPECT_EQ(email_word("Müller"), "muller");
  EXPECT_EQ(email_word("Ñandú"), "nandu");
}

TEST(EmailWords, LettersThatAreTwoInAsciiBecomeTwo) {
  EXPECT_EQ(email_word("Straße"), "strasse");
  EXPECT_EQ(email_word("Æsir"), "aesir");
}

TEST(EmailWords, ApostrophesSpacesAndHyphensAreDropped) {
  EXPECT_EQ(email_word("D'Ávila"), "davila");
  EXPECT_EQ(email_word("Ji-Paraná"), "jiparana");
  EXPECT_EQ(email_word("da Silva"), "dasilva");
}

TEST(EmailWords, CharactersOutsideLatin1AreDropped) {
  EXPECT_EQ(email_word("Łukasz"), "ukasz");
  EXPECT_EQ(email_word("Ana\u2019s"), "anas");
  EXPECT_EQ(email_word("日本"), "");
}

TEST(EmailWords, ALeadingParticleIsLeftOutOfTheSurname) {
  EXPECT_EQ(email_surname("da Silva"), "silva");
  EXPECT_EQ(email_surname("dos Santos"), "santos");
  EXPECT_EQ(email_surname("das Neves"), "neves");
  EXPECT_EQ(email_surname("D'Ávila"), "davila");
  EXPECT_EQ(email_surname("Dantas"), "dantas");
}

}  // namespace
}  // namespace ld::s1
