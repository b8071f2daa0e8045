// The search URL carries every parameter Google expects, and the key never shows.
#include <gtest/gtest.h>

#include "s1/google_books/volumes_query.hpp"

namespace ld::s1::google_books {
namespace {

TEST(VolumesQuery, CarriesQueryPagingLanguageAndKey) {
  const VolumesQuery q{
      "https://books.example/books/v1/", "literatura brasileira", 80, 40, "pt", "AIzaSecret"};
  EXPECT_EQ(volumes_url(q),
            "https://books.example/books/v1/volumes?q=literatura%20brasileira&startIndex=80"
            "&maxResults=40&langRestrict=pt&key=AIzaSecret");
}

TEST(VolumesQuery, LeavesOutLanguageAndKeyWhenNotGiven) {
  const VolumesQuery q{"http://127.0.0.1:9", "subject:fiction", 0, 40, "", ""};
  EXPECT_EQ(volumes_url(q),
            "http://127.0.0.1:9/volumes?q=subject%3Afiction&startIndex=0"
            "&maxResults=40");
}

TEST(VolumesQuery, EncodesUserTextAsData) {
  EXPECT_EQ(url_encode("ação & co=1#x"), "a%C3%A7%C3%A3o%20%26%20co%3D1%23x");
  EXPECT_EQ(url_encode("A-z_0.9~"), "A-z_0.9~");
}

TEST(VolumesQuery, MasksTheKeyWherever) {
  EXPECT_EQ(mask_key_param("http://h/volumes?q=x&key=AIzaSecret"), "http://h/volumes?q=x&key=***");
  EXPECT_EQ(mask_key_param("http://h/volumes?key=AIzaSecret&q=x"), "http://h/volumes?key=***&q=x");
  EXPECT_EQ(mask_key_param("http://h/volumes?q=monkey=1&key=s#f"),
            "http://h/volumes?q=monkey=1&key=***#f");
  EXPECT_EQ(mask_key_param("http://h/volumes?q=x"), "http://h/volumes?q=x");
}

TEST(VolumesQuery, RedactsEchoesOfTheKey) {
  EXPECT_EQ(redact("bad key AIzaSecret, AIzaSecret!", "AIzaSecret"), "bad key ***, ***!");
  EXPECT_EQ(redact("nothing", ""), "nothing");
}

}  // namespace
}  // namespace ld::s1::google_books
