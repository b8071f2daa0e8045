// Identifiers: what counts as well-formed for each kind of entity.
#include "core/ids.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ld {
namespace {

TEST(Ids, CustomerIdsArePositiveWithoutSignOrLeadingZeros) {
  EXPECT_EQ(ids::parse_customer_id("17"), 17);
  EXPECT_EQ(ids::parse_customer_id("9223372036854775807"), INT64_MAX);
  for (const char* bad : {"0", "017", "-1", "+1", "1.0", "abc", "", "9223372036854775808", " 1"}) {
    EXPECT_FALSE(ids::parse_customer_id(bad)) << bad;
  }
}

TEST(Ids, BookIdsAre24HexDigitsReturnedLowercase) {
  EXPECT_EQ(ids::parse_book_id("65F0AABBCCDDEEFF00112233"), "65f0aabbccddeeff00112233");
  EXPECT_FALSE(ids::parse_book_id("65f0aabbccddeeff0011223"));
  EXPECT_FALSE(ids::parse_book_id("65f0aabbccddeeff0011223g"));
}

TEST(Ids, OrderIdsAreCanonicalUuids) {
  EXPECT_EQ(ids::parse_order_id("0190A0B1-C2D3-7E4F-8A9B-0C1D2E3F4A5B"),
            "0190a0b1-c2d3-7e4f-8a9b-0c1d2e3f4a5b");
  EXPECT_FALSE(ids::parse_order_id("0190a0b1c2d37e4f8a9b0c1d2e3f4a5b"));
  EXPECT_FALSE(ids::parse_order_id("{0190a0b1-c2d3-7e4f-8a9b-0c1d2e3f4a5b}"));
}

TEST(Ids, NewOrderIdsAreVersion7AndSortByTime) {
  const auto a = ids::new_uuid_v7();
  ASSERT_TRUE(ids::parse_order_id(a));
  EXPECT_EQ(a[14], '7');
  EXPECT_TRUE(a[19] == '8' || a[19] == '9' || a[19] == 'a' || a[19] == 'b');
  EXPECT_NE(a, ids::new_uuid_v7());
}

TEST(Ids, APromisedBookIdIsTheUuidsSecondsThenItsLastEightBytes) {
  // 0x0190a0b1c2d3 ms = 1720682922707 ms, so 1720682922 s = 0x668f89aa
  EXPECT_EQ(ids::book_id_from_promise("0190a0b1-c2d3-7e4f-8a9b-0c1d2e3f4a5b"),
            "668f89aa8a9b0c1d2e3f4a5b");
  const auto id = ids::book_id_from_promise(ids::new_uuid_v7());
  EXPECT_TRUE(ids::parse_book_id(id));
  EXPECT_NE(id, ids::book_id_from_promise(ids::new_uuid_v7()));
}

TEST(Ids, NewBookIdsAreObjectIdsInTheOrderMade) {
  std::vector<std::string> made;
  for (int i = 0; i < 1000; ++i) made.push_back(ids::new_book_id());
  for (const auto& id : made) EXPECT_EQ(ids::parse_book_id(id), id);
  // Within one second the counter orders them; it wraps once in 16 million, which a run of a
  // thousand may cross only when it started right below the wrap.
  int out_of_order = 0;
  for (std::size_t i = 1; i < made.size(); ++i) {
    if (made[i].substr(0, 8) == made[i - 1].substr(0, 8) && made[i] <= made[i - 1]) ++out_of_order;
  }
  EXPECT_LE(out_of_order, 1);
}

}  // namespace
}  // namespace ld
