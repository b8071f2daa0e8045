// A book PATCH against the store in memory: applied, a no-op left untouched, a lost race retried
// on the newer version, and the 409s that are final.
#include "domain/books/patch_book.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/ids.hpp"
#include "domain/books/book_input.hpp"
#include "fakes/domain/fake_stores.hpp"
#include "support/expect_error.hpp"

namespace ld {
namespace {

using fakes::Fault;
using test::expect_error;
using ::testing::ElementsAre;

class PatchBookTest : public ::testing::Test {
 protected:
  std::optional<Book> patch(const nlohmann::json& body) {
    return patch_book(s.books, id, books::read_book_patch(body));
  }
  // Another client's write landing between this PATCH's read and its write.
  void another_write_before_update(const nlohmann::json& body) {
    s.shelf.faults.before_next("update", [this, body] {
      const Book read = *s.books.find(id);
      Book other = read;
      books::apply_book_patch(other, books::read_book_patch(body));
      s.books.update(read, other);
    });
  }

  fakes::FakeStores s;
  std::string id = s.add_book("Quincas Borba", "35.00", 3);
};

TEST_F(PatchBookTest, ChangesOnlyTheFieldsGiven) {
  const auto stored = patch({{"subtitle", "Romance"}});
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->fields["subtitle"], "Romance");
  EXPECT_EQ(stored->title(), "Quincas Borba");
  EXPECT_EQ(s.books.find(id)->fields["subtitle"], "Romance");
}

TEST_F(PatchBookTest, APatchThatChangesNothingLeavesTheBookUntouched) {
  const auto before = *s.books.find(id);
  const auto stored = patch({{"title", "Quincas Borba"}});
  EXPECT_EQ(stored->updated_at, before.updated_at);
  EXPECT_EQ(s.shelf.faults.calls("update"), 0);
}

TEST_F(PatchBookTest, ALostRaceIsAppliedAgainOnTheNewerVersion) {
  another_write_before_update({{"stock", 9}});
  const auto stored = patch({{"subtitle", "Romance"}});
  EXPECT_EQ(stored->fields["subtitle"], "Romance");
  EXPECT_EQ(stored->stock(), 9);                 // the other write stays
  EXPECT_EQ(s.shelf.faults.calls("update"), 3);  // the other's, the lost one, the retry
}

// Orders take copies without making a new version of the book: a copy taken between the
// PATCH's read and its write is no lost race, and must not come back with the stock read.
TEST_F(PatchBookTest, CopiesAnOrderTakesDuringThePatchStayTaken) {
  s.shelf.faults.before_next("update", [this] {
    ASSERT_EQ(s.stock.hold_stock(id, ids::new_uuid_v7(), 1), StockReservation::reserved);
  });
  const auto stored = patch({{"subtitle", "Romance"}});
  EXPECT_EQ(stored->fields["subtitle"], "Romance");
  EXPECT_EQ(stored->stock(), 2);
  EXPECT_EQ(s.books.find(id)->stock(), 2);
  EXPECT_EQ(s.shelf.faults.calls("update"), 1);
}

TEST_F(PatchBookTest, AChangedStockIsAppliedToTheCopiesLeftNow) {
  s.shelf.faults.before_next("update", [this] {
    ASSERT_EQ(s.stock.hold_stock(id, ids::new_uuid_v7(), 2), StockReservation::reserved);
  });
  EXPECT_EQ(patch({{"stock", 8}})->stock(), 6);  // 3 read, 5 more arrived, 2 ordered meanwhile
}

TEST_F(PatchBookTest, AStockCutBelowWhatOrdersTookMeanwhileStopsAtZero) {
  s.shelf.faults.before_next("update", [this] {
    ASSERT_EQ(s.stock.hold_stock(id, ids::new_uuid_v7(), 2), StockReservation::reserved);
  });
  EXPECT_EQ(patch({{"stock", 0}})->stock(), 0);
}

TEST_F(PatchBookTest, AnUnlimitedBookTakesTheCountGiven) {
  patch({{"stock", nullptr}});
  EXPECT_EQ(patch({{"stock", 4}})->stock(), 4);
  EXPECT_FALSE(patch({{"stock", nullptr}})->stock());
}

TEST_F(PatchBookTest, AfterFiveLostRacesThe409IsReported) {
  s.shelf.faults.fail_always("update", Fault::conflict);
  EXPECT_TRUE(expect_error(ErrorKind::conflict, [&] {
                patch({{"subtitle", "x"}});
              }).fields.empty());
  EXPECT_EQ(s.shelf.faults.calls("update"), kBookPatchAttempts);
}

TEST_F(PatchBookTest, ATakenIsbnIsAFinal409NamingIt) {
  const auto other = books::read_new_book({{"title", "Helena"}, {"isbn_13", "9788535902778"}});
  s.books.create(other);
  EXPECT_THAT(expect_error(ErrorKind::conflict,
                           [&] {
                             patch({{"isbn_13", "9788535902778"}});
                           })
                  .fields,
              ElementsAre("isbn_13"));
  EXPECT_EQ(s.shelf.faults.calls("update"), 1);
}

TEST_F(PatchBookTest, ABookGoneIsNothing) {
  s.books.remove(id);
  EXPECT_FALSE(patch({{"subtitle", "x"}}));
}

TEST_F(PatchBookTest, ABookRemovedDuringThePatchIsNothing) {
  s.shelf.faults.before_next("update", [this] { s.books.remove(id); });
  EXPECT_FALSE(patch({{"subtitle", "x"}}));
}

TEST_F(PatchBookTest, AStoreThatIsDownIs503) {
  s.shelf.faults.fail("update", Fault::unavailable);
  expect_error(ErrorKind::unavailable, [&] { patch({{"subtitle", "x"}}); });
  EXPECT_FALSE(s.books.find(id)->fields.contains("subtitle"));
}

}  // namespace
}  // namespace ld
