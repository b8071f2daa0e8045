// Deleting a customer against the stores in memory: 404, 409 while the customer has orders, the
// close that keeps a racing order out, and the reopen when the delete does not happen.
#include "domain/customers/delete_customer.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/ids.hpp"
#include "domain/orders/pricing.hpp"
#include "fakes/domain/fake_stores.hpp"
#include "support/expect_error.hpp"

namespace ld {
namespace {

using fakes::Fault;
using test::expect_error;
using ::testing::ElementsAre;

class DeleteCustomerTest : public ::testing::Test {
 protected:
  void remove(std::int64_t id) { delete_customer(s.customers, s.orders, id); }
  Order order_of(std::int64_t customer_id) {
    return price_order(ids::new_uuid_v7(), customer_id, {{book, "Til", Money{1990, "BRL"}, 1}},
                       clock::now_ms());
  }

  fakes::FakeStores s;
  std::int64_t customer = s.add_customer();
  std::string book = s.add_book("Til", "19.90");
};

TEST_F(DeleteCustomerTest, DeletesACustomerWithoutOrders) {
  remove(customer);
  EXPECT_FALSE(s.customers.exists(customer));
}

TEST_F(DeleteCustomerTest, AnUnknownCustomerIs404) {
  expect_error(ErrorKind::not_found, [&] { remove(customer + 1); });
}

TEST_F(DeleteCustomerTest, ACustomerWithOrdersIs409AndStays) {
  s.orders.insert(order_of(customer), nullptr);
  EXPECT_THAT(expect_error(ErrorKind::conflict, [&] { remove(customer); }).fields,
              ElementsAre("id"));
  EXPECT_TRUE(s.customers.exists(customer));
  EXPECT_EQ(s.orders.insert(order_of(customer), nullptr), OrderRepository::Placement::placed);
}

TEST_F(DeleteCustomerTest, AnOrderCheckedJustBeforeTheDeleteCannotBeStoredAfter) {
  remove(customer);
  EXPECT_EQ(s.orders.insert(order_of(customer), nullptr),
            OrderRepository::Placement::customer_gone);
}

TEST_F(DeleteCustomerTest, AFailedDeleteReopensTheCustomerForOrders) {
  s.customers.faults.fail("remove", Fault::unavailable);
  expect_error(ErrorKind::unavailable, [&] { remove(customer); });
  EXPECT_TRUE(s.customers.exists(customer));
  EXPECT_EQ(s.orders.insert(order_of(customer), nullptr), OrderRepository::Placement::placed);
}

TEST_F(DeleteCustomerTest, ACustomerDeletedMeanwhileIs404AndReopened) {
  s.customers.faults.before_next("remove", [&] { s.customers.remove(customer); });
  expect_error(ErrorKind::not_found, [&] { remove(customer); });
  EXPECT_TRUE(s.orders.closed_customers.empty());
}

TEST_F(DeleteCustomerTest, AnOrderStoreThatIsDownDeletesNothing) {
  s.orders.faults.fail("close_customer", Fault::unavailable);
  expect_error(ErrorKind::unavailable, [&] { remove(customer); });
  EXPECT_TRUE(s.customers.exists(customer));
}

TEST_F(DeleteCustomerTest, AReopenThatFailsIsLoggedAndTheErrorIsTheDeletes) {
  s.customers.faults.fail("remove", Fault::unavailable);
  s.orders.faults.fail("reopen_customer", Fault::unavailable);
  expect_error(ErrorKind::unavailable, [&] { remove(customer); });
  EXPECT_TRUE(s.customers.exists(customer));
  EXPECT_EQ(s.orders.closed_customers.size(), 1u);  // until the mark runs out
}

}  // namespace
}  // namespace ld
