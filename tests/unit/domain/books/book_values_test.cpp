#include "domain/books/book_values.hpp"

#include <string>

#include <gtest/gtest.h>

namespace ld::books {

TEST(LanguageTag, AcceptsALanguageWithOptionalScriptRegionAndVariants) {
  EXPECT_EQ(canonical_language_tag("pt"), "pt");
  EXPECT_EQ(canonical_language_tag("pt-BR"), "pt-BR");
  EXPECT_EQ(canonical_language_tag("zh-CN"), "zh-CN");
  EXPECT_EQ(canonical_language_tag("zh-Hant-TW"), "zh-Hant-TW");
  EXPECT_EQ(canonical_language_tag("es-419"), "es-419");
  EXPECT_EQ(canonical_language_tag("ast"), "ast");
  EXPECT_EQ(canonical_language_tag("de-DE-1996"), "de-DE-1996");
  EXPECT_EQ(canonical_language_tag("sl-rozaj"), "sl-rozaj");
}

TEST(LanguageTag, IsReturnedInCanonicalCase) {
  EXPECT_EQ(canonical_language_tag("PT-br"), "pt-BR");
  EXPECT_EQ(canonical_language_tag("ZH-hant-tw"), "zh-Hant-TW");
}

TEST(LanguageTag, RejectsWhatIsNotATag) {
  for (const char* bad : {"", "p", "portuguese", "pt_BR", "pt-", "-pt", "pt--BR", "pt-BR-BR",
                          "pt-B", "12", "pt-Latn-Latn", "pt BR"}) {
    EXPECT_FALSE(canonical_language_tag(bad)) << bad;
  }
}

TEST(ThumbnailUrl, AcceptsHttpAndHttpsLinks) {
  EXPECT_TRUE(is_http_url(
      "http://books.google.com/books/content?id=zyTCAlFPjgYC&printsec=frontcover&img=1"));
  EXPECT_TRUE(is_http_url("https://example.com"));
  EXPECT_TRUE(is_http_url("HTTPS://example.com:8443/cover.jpg"));
  EXPECT_TRUE(is_http_url("http://[::1]:8080/x.png"));
}

TEST(ThumbnailUrl, RejectsOtherSchemesAndMalformedLinks) {
  for (const char* bad : {"ftp://example.com/a.png", "javascript:alert(1)", "http://", "https:///x",
                          "http://exa mple.com/", "example.com/cover.jpg", "http://user@evil.com/",
                          "http://example.com:99999/", "http://example.com:/", "http://-x.com/",
                          "http://a.com/\tb"}) {
    EXPECT_FALSE(is_http_url(bad)) << bad;
  }
}

TEST(ThumbnailUrl, RejectsLinksLongerThan2048Bytes) {
  const std::string base = "https://example.com/";
  EXPECT_TRUE(is_http_url(base + std::string(2048 - base.size(), 'a')));
  EXPECT_FALSE(is_http_url(base + std::string(2049 - base.size(), 'a')));
}

}  // namespace ld::books
