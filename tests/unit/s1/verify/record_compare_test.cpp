// verify's comparison: normalised the way S2 promises to store data, so only real differences
// are reported, each named by its field path.
#include <gtest/gtest.h>

#include "s1/verify/record_compare.hpp"

namespace {

using nlohmann::json;

json sent_customer() {
  return json::parse(R"({"name":" Conceição D'Ávila ","email":"ceicao@example.com.br",
    "cpf":"529.982.247-25","phone":"+55 11 91234-5678","birth_date":"1980-02-29",
    "addresses":[{"street":"Av. Paulista","number":"s/n","city":"São Paulo","state":"sp",
                  "postal_code":"01310-100"}]})");
}

json stored_customer() {
  return json::parse(R"({"id":17,"name":"Conceição D'Ávila","email":"ceicao@example.com.br",
    "cpf":"52998224725","phone":"+55 11 91234-5678","birth_date":"1980-02-29",
    "addresses":[{"street":"Av. Paulista","number":"s/n","city":"São Paulo","state":"SP",
                  "postal_code":"01310100","country":"BR"}],
    "created_at":"2026-01-01T00:00:00.000Z","updated_at":"2026-01-01T00:00:00.000Z"})");
}

TEST(CompareCustomer, NormalisedEqualIsEqual) {
  EXPECT_TRUE(ld::s1::compare_customer(sent_customer(), stored_customer()).empty());
}

TEST(CompareCustomer, NamesTheFieldThatDiffers) {
  auto stored = stored_customer();
  stored["name"] = "Someone Else";
  stored["addresses"][0]["postal_code"] = "01310999";
  const auto diffs = ld::s1::compare_customer(sent_customer(), stored);
  ASSERT_EQ(diffs.size(), 2u);
  EXPECT_EQ(diffs[0].field, "addresses[0].postal_code");
  EXPECT_EQ(diffs[1].field, "name");
  EXPECT_EQ(diffs[1].found, "\"Someone Else\"");
}

TEST(CompareCustomer, AFieldThatVanishedOrAppearedDiffers) {
  auto stored = stored_customer();
  stored.erase("cpf");
  stored["addresses"] = json::array();
  const auto diffs = ld::s1::compare_customer(sent_customer(), stored);
  ASSERT_EQ(diffs.size(), 2u);
  EXPECT_EQ(diffs[0].field, "addresses");
  EXPECT_EQ(diffs[1].field, "cpf");
  EXPECT_EQ(diffs[1].found, "(absent)");
}

TEST(CompareBook, NormalisesIsbnPriceAndTextAndKeepsExtrasExact) {
  const auto sent = json::parse(R"({"title":"Dom Casmurro ","authors":["Machado de Assis"],
    "isbn_13":"978-85-359-1484-9","price":{"amount":39.9,"currency":"BRL"},
    "volume_info":{"title":"Dom Casmurro","averageRating":4.5}})");
  auto stored = json::parse(R"({"id":"65f0aaaaaaaaaaaaaaaaaaaa","title":"Dom Casmurro",
    "authors":["Machado de Assis"],"isbn_13":"9788535914849",
    "price":{"amount":"39.90","currency":"BRL"},
    "volume_info":{"title":"Dom Casmurro","averageRating":4.5},
    "created_at":"x","updated_at":"y"})");
  EXPECT_TRUE(ld::s1::compare_book(sent, stored).empty());
  stored["volume_info"]["averageRating"] = 1;
  stored["stock"] = 3;
  const auto diffs = ld::s1::compare_book(sent, stored);
  ASSERT_EQ(diffs.size(), 2u);
  EXPECT_EQ(diffs[0].field, "volume_info.averageRating");
  EXPECT_EQ(diffs[1].field, "stock");  // stored, never sent
  EXPECT_EQ(diffs[1].expected, "(absent)");
}

TEST(CompareBook, StockIsExpectedLessWhatTheAcknowledgedOrdersTook) {
  const json sent = {{"title", "T"}, {"stock", 10}};
  const json stored = {{"id", "x"}, {"title", "T"}, {"stock", 7}};
  EXPECT_TRUE(ld::s1::compare_book(sent, stored, 3).empty());
  const auto diffs = ld::s1::compare_book(sent, stored, 2);
  ASSERT_EQ(diffs.size(), 1u);
  EXPECT_EQ(diffs[0].field, "stock");
  EXPECT_EQ(diffs[0].expected, "8");
}

json acked_order() {
  return json::parse(R"({"id":"0190a000-0000-7000-8000-000000000001","customer_id":17,
    "items":[{"book_id":"aaaaaaaaaaaaaaaaaaaaaaaa","title":"Dom Casmurro",
              "unit_price":{"amount":"39.90","currency":"BRL"},"quantity":2,
              "subtotal":{"amount":"79.80","currency":"BRL"}}],
    "total":{"amount":"79.80","currency":"BRL"},"status":"created",
    "created_at":"2026-01-01T00:00:00.000Z","updated_at":"2026-01-01T00:00:00.000Z"})");
}

const json kOrderSent = json::parse(
    R"({"customer_id":17,"items":[{"book_id":"aaaaaaaaaaaaaaaaaaaaaaaa","quantity":2}]})");

TEST(CompareOrder, MatchesWhatWasAcknowledgedAndAsked) {
  const std::map<std::string, json> books{
      {"aaaaaaaaaaaaaaaaaaaaaaaa",
       {{"title", "Dom Casmurro"}, {"price", {{"amount", "39.90"}, {"currency", "BRL"}}}}}};
  EXPECT_TRUE(ld::s1::compare_order(kOrderSent, acked_order(), acked_order(), books).empty());
}

TEST(CompareOrder, CatchesAChangedTotalAndBrokenArithmetic) {
  auto stored = acked_order();
  stored["total"]["amount"] = "1.00";
  const auto diffs = ld::s1::compare_order(kOrderSent, acked_order(), stored, {});
  ASSERT_EQ(diffs.size(), 2u);
  EXPECT_EQ(diffs[0].field, "total.amount");  // against the acknowledgement
  EXPECT_EQ(diffs[1].field, "total");         // against its own items
}

TEST(CompareOrder, CatchesAQuantityThatIsNotWhatWasAsked) {
  auto acked = acked_order();
  acked["items"][0]["quantity"] = 3;
  acked["items"][0]["subtotal"]["amount"] = "119.70";
  acked["total"]["amount"] = "119.70";
  const auto diffs = ld::s1::compare_order(kOrderSent, acked, acked, {});
  ASSERT_EQ(diffs.size(), 1u);
  EXPECT_EQ(diffs[0].field, "request items[0].quantity");
}

TEST(CompareOrder, CatchesATitleSnapshotThatIsNotTheBookSent) {
  const std::map<std::string, json> books{
      {"aaaaaaaaaaaaaaaaaaaaaaaa",
       {{"title", "Memórias Póstumas"}, {"price", {{"amount", "39.90"}, {"currency", "BRL"}}}}}};
  const auto diffs = ld::s1::compare_order(kOrderSent, acked_order(), acked_order(), books);
  ASSERT_EQ(diffs.size(), 1u);
  EXPECT_EQ(diffs[0].field, "items[0].title");
}

// A record that was already there (409 on a field) is checked against what S2 showed of it, which
// is already in S2's form: the comparison must take that form as it is.
TEST(CompareCustomer, ARecordS2ShowedIsItsOwnExpectation) {
  EXPECT_TRUE(ld::s1::compare_customer(stored_customer(), stored_customer()).empty());
}

TEST(CompareBook, ABookAlreadyThereIsExpectedAsS2ShowedItLessThisRunsOrders) {
  const auto shown = json::parse(R"({"id":"65f0aaaaaaaaaaaaaaaaaaaa","title":"Dom Casmurro",
    "authors":["Machado de Assis"],"isbn_13":"9788535914849",
    "price":{"amount":"80.00","currency":"BRL"},"stock":3,
    "created_at":"x","updated_at":"y"})");
  auto stored = shown;
  stored["stock"] = 1;
  stored["updated_at"] = "z";
  EXPECT_TRUE(ld::s1::compare_book(shown, stored, 2).empty());
}

TEST(CompareOrder, TheSnapshotOfABookAlreadyThereIsItsPriceInS2NotThePlannedOne) {
  // The round planned 39.90 for this ISBN; the book S2 held from an earlier round costs 80.00.
  auto acked = acked_order();
  acked["items"][0]["unit_price"]["amount"] = "80.00";
  acked["items"][0]["subtotal"]["amount"] = "160.00";
  acked["total"]["amount"] = "160.00";
  const std::map<std::string, json> books{{"aaaaaaaaaaaaaaaaaaaaaaaa",
                                           {{"id", "aaaaaaaaaaaaaaaaaaaaaaaa"},
                                            {"title", "Dom Casmurro"},
                                            {"price", {{"amount", "80.00"}, {"currency", "BRL"}}},
                                            {"stock", 3}}}};
  EXPECT_TRUE(ld::s1::compare_order(kOrderSent, acked, acked, books).empty());
}

}  // namespace
