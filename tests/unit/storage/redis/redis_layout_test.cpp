// How orders are laid out in Redis, checked without a server: the URL setting, key names (one
// hash tag for all), index members that sort newest first, cursors, and the stored record.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

#include "core/error.hpp"
#include "domain/orders/pricing.hpp"
#include "storage/redis/order_keys.hpp"
#include "storage/redis/order_record.hpp"
#include "storage/redis/redis_url.hpp"
#include "support/expect_error.hpp"

namespace ld::redis {
namespace {

using nlohmann::json;
using ::testing::ElementsAre;

TEST(RedisUrl, HostPortAndDatabase) {
  const auto e = parse_url("redis://127.0.0.1:16379/1");
  EXPECT_EQ(e.host, "127.0.0.1");
  EXPECT_EQ(e.port, 16379);
  EXPECT_EQ(e.db, 1);
  EXPECT_TRUE(e.password.empty());
}

TEST(RedisUrl, DefaultsArePort6379AndDatabase0) {
  const auto e = parse_url("redis://cache.internal");
  EXPECT_EQ(e.host, "cache.internal");
  EXPECT_EQ(e.port, 6379);
  EXPECT_EQ(e.db, 0);
}

TEST(RedisUrl, PasswordAndAclUserArePercentDecoded) {
  const auto a = parse_url("redis://:s%40cret@h:1/2");
  EXPECT_EQ(a.username, "");
  EXPECT_EQ(a.password, "s@cret");
  const auto b = parse_url("redis://app:pa%3Ass@h:1");
  EXPECT_EQ(b.username, "app");
  EXPECT_EQ(b.password, "pa:ss");
  EXPECT_EQ(b.host, "h");
}

TEST(RedisUrl, Ipv6Host) {
  const auto e = parse_url("redis://[::1]:7000/3");
  EXPECT_EQ(e.host, "::1");
  EXPECT_EQ(e.port, 7000);
  EXPECT_EQ(e.db, 3);
}

TEST(RedisUrl, MalformedUrlsAreRejected) {
  EXPECT_THROW(parse_url("http://h:1/0"), std::invalid_argument);
  EXPECT_THROW(parse_url("redis://h:notaport/0"), std::invalid_argument);
  EXPECT_THROW(parse_url("redis://h:70000"), std::invalid_argument);
  EXPECT_THROW(parse_url("redis://h:1/x"), std::invalid_argument);
  EXPECT_THROW(parse_url("redis://:1/0"), std::invalid_argument);
}

TEST(OrderKeys, EveryKeySharesOneHashTag) {
  for (const auto& key :
       {keys::order("x"), keys::all_orders(), keys::customer_orders(17),
        keys::status_orders(OrderStatus::paid), keys::customer_status_orders(17, OrderStatus::paid),
        keys::idempotency("POST /orders k")}) {
    EXPECT_EQ(key.substr(0, 5), "{ld}:") << key;
  }
}

TEST(OrderKeys, EachFilterHasItsOwnIndex) {
  EXPECT_EQ(keys::index_for({}), "{ld}:orders");
  EXPECT_EQ(keys::index_for({17, std::nullopt}), "{ld}:orders:customer:17");
  EXPECT_EQ(keys::index_for({std::nullopt, OrderStatus::paid}), "{ld}:orders:status:paid");
  EXPECT_EQ(keys::index_for({17, OrderStatus::paid}), "{ld}:orders:customer:17:paid");
}

TEST(OrderKeys, MembersSortByTimeThenId) {
  std::vector<std::string> members = {
      keys::index_member(999, "0000000a-0000-7000-8000-000000000000"),
      keys::index_member(1000, "0000000a-0000-7000-8000-000000000000"),
      keys::index_member(1000, "0000000b-0000-7000-8000-000000000000"),
      keys::index_member(10000, "00000001-0000-7000-8000-000000000000")};
  auto sorted = members;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(sorted, members);  // lexicographic order is (created_at, id) order
  EXPECT_EQ(keys::id_of_member(members[3]), "00000001-0000-7000-8000-000000000000");
}

TEST(OrderKeys, CursorPositionsRoundTrip) {
  const auto member = keys::index_member(1764504000123, "0190c3e2-7a4b-7c2d-8e9f-0123456789ab");
  const auto position = keys::position_of_member(member);
  EXPECT_EQ(position,
            json({{"created_at", 1764504000123}, {"id", "0190c3e2-7a4b-7c2d-8e9f-0123456789ab"}}));
  EXPECT_EQ(keys::member_of_position(position), member);
}

TEST(OrderKeys, ForgedCursorsAre400OnCursor) {
  for (const json& forged :
       {json::object(), json({{"created_at", "1"}, {"id", "0190c3e2-7a4b-7c2d-8e9f-0123456789ab"}}),
        json({{"created_at", -1}, {"id", "0190c3e2-7a4b-7c2d-8e9f-0123456789ab"}}),
        json({{"created_at", 1}, {"id", "\xff"}}), json({{"created_at", 1}, {"id", "-"}}),
        json({{"created_at", 1.5}, {"id", "0190c3e2-7a4b-7c2d-8e9f-0123456789ab"}})}) {
    EXPECT_THAT(test::error_fields(ErrorKind::invalid, [&] { keys::member_of_position(forged); }),
                ElementsAre("cursor"))
        << forged.dump(-1, ' ', false, json::error_handler_t::replace);
  }
}

TEST(OrderRecord, RoundTripsEveryField) {
  auto order =
      price_order("0190c3e2-7a4b-7c2d-8e9f-0123456789ab", 9223372036854775807LL,
                  {{"65f0a1b2c3d4e5f601234567", "Memórias Póstumas", Money{3990, "BRL"}, 2},
                   {"65f0a1b2c3d4e5f601234568", "\"Quoted\" title", Money{1, "BRL"}, 100}},
                  1764504000123);
  order.status = OrderStatus::paid;
  order.updated_at = 1764504000999;
  const auto back = decode_order(encode_order(order));
  EXPECT_EQ(back.id, order.id);
  EXPECT_EQ(back.customer_id, order.customer_id);
  EXPECT_EQ(back.currency, "BRL");
  EXPECT_EQ(back.total_cents, order.total_cents);
  EXPECT_EQ(back.status, OrderStatus::paid);
  EXPECT_EQ(back.created_at, order.created_at);
  EXPECT_EQ(back.updated_at, order.updated_at);
  ASSERT_EQ(back.items.size(), 2u);
  EXPECT_EQ(back.items[0].title, "Memórias Póstumas");
  EXPECT_EQ(back.items[1].title, "\"Quoted\" title");
  EXPECT_EQ(back.items[1].subtotal_cents, 100);
}

TEST(OrderRecord, AmountsAreStoredAsIntegerCents) {
  const auto order =
      price_order("o", 1, {{"65f0a1b2c3d4e5f601234567", "T", Money{3990, "BRL"}, 2}}, 1);
  const auto stored = json::parse(encode_order(order));
  EXPECT_EQ(stored["total_cents"], 7980);
  EXPECT_EQ(stored["items"][0]["unit_price_cents"], 3990);
  EXPECT_EQ(stored["items"][0]["subtotal_cents"], 7980);
  EXPECT_EQ(stored["status"], "created");
}

TEST(OrderRecord, CorruptRecordsAreInternalErrors) {
  EXPECT_THAT(test::error_fields(ErrorKind::internal, [] { decode_order("{\"id\": 1}"); }),
              ElementsAre());
  EXPECT_THAT(test::error_fields(ErrorKind::internal, [] { decode_order("not json"); }),
              ElementsAre());
}

}  // namespace
}  // namespace ld::redis
