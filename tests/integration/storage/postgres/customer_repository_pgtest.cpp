// The customers repository against the real PostgreSQL: what is written is what is read, in one
// transaction, with uniqueness reported by field.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "core/error.hpp"
#include "core/store_busy.hpp"
#include "domain/customers/customer_patch.hpp"
#include "pg_test_support.hpp"
#include "support/test_env.hpp"

namespace ld {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

std::vector<std::string> conflict_fields(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::conflict);
    std::vector<std::string> out;
    for (const auto& f : e.fields()) out.push_back(f.field);
    return out;
  }
  ADD_FAILURE() << "expected a 409 Error";
  return {};
}

class CustomerRepositoryPg : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Metrics m;
    PostgresStore(test::pg_settings(), m).migrate();
    test::reset_customer_tables();
  }

  Metrics metrics_;
  PostgresStore store_{test::pg_settings(), metrics_};
  CustomerRepository& repo_ = store_.customers();
};

TEST_F(CustomerRepositoryPg, CreateAssignsIdAndTimes) {
  const auto before = clock::now_ms();
  const Customer c = repo_.create(test::sample_customer(1));
  EXPECT_GT(c.id, 0);
  EXPECT_EQ(c.created_at, c.updated_at);
  EXPECT_GE(c.created_at, before - 1000);  // the server's clock, close to ours
  EXPECT_LE(c.created_at, clock::now_ms() + 1000);
}

TEST_F(CustomerRepositoryPg, CreatingAgainUnderTheSamePromisedIdReturnsTheFirstCustomer) {
  const std::string promised = "0190c3e2-7a1b-7000-8000-0000000c0001";
  const Customer first = repo_.create(test::sample_customer(31), promised);
  const Customer again = repo_.create(test::sample_customer(31), promised);
  EXPECT_EQ(again.id, first.id);
  EXPECT_EQ(again.created_at, first.created_at);
  EXPECT_EQ(
      test::pg_value("SELECT count(*) FROM customers WHERE creation_key = '" + promised + "'"),
      "1");
  // Without a promise the same e-mail is taken, as ever.
  EXPECT_THROW(repo_.create(test::sample_customer(31)), Error);
}

TEST_F(CustomerRepositoryPg, FindReturnsExactlyWhatWasStored) {
  Customer in = test::sample_customer(2);
  in.addresses.push_back({"Av. Boa Viagem", "s/n", "bloco B, apto 1201", std::nullopt, "Recife",
                          "PE", "51011000", "BR"});
  const Customer created = repo_.create(in);
  const auto found = repo_.find(created.id);
  ASSERT_TRUE(found);
  EXPECT_TRUE(same_details(*found, in));
  EXPECT_EQ(found->id, created.id);
  EXPECT_EQ(found->created_at, created.created_at);
  EXPECT_EQ(found->updated_at, created.updated_at);
}

TEST_F(CustomerRepositoryPg, OptionalFieldsMayBeAbsent) {
  Customer in;
  in.name = "Sem Dados";
  in.email = "sem.dados@example.com";
  const auto found = repo_.find(repo_.create(in).id);
  ASSERT_TRUE(found);
  EXPECT_FALSE(found->cpf);
  EXPECT_FALSE(found->phone);
  EXPECT_FALSE(found->birth_date);
  EXPECT_TRUE(found->addresses.empty());
}

TEST_F(CustomerRepositoryPg, UnknownIdIsNotFound) {
  EXPECT_FALSE(repo_.find(987654321));
  EXPECT_FALSE(repo_.exists(987654321));
  EXPECT_FALSE(repo_.remove(987654321));
  Customer ghost = test::sample_customer(3);
  ghost.id = 987654321;
  EXPECT_FALSE(repo_.update(ghost));
  EXPECT_FALSE(repo_.modify(987654321, [](const Customer& c) { return c; }));
}

TEST_F(CustomerRepositoryPg, EmailIsUniqueIgnoringCase) {
  repo_.create(test::sample_customer(4));
  Customer twin = test::sample_customer(5);
  twin.email = "CLIENTE4@Example.COM.br";
  EXPECT_THAT(conflict_fields([&] { repo_.create(twin); }), ElementsAre("email"));
}

TEST_F(CustomerRepositoryPg, CpfIsUnique) {
  repo_.create(test::sample_customer(6));
  Customer twin = test::sample_customer(7);
  twin.cpf = test::sample_customer(6).cpf;
  EXPECT_THAT(conflict_fields([&] { repo_.create(twin); }), ElementsAre("cpf"));
}

TEST_F(CustomerRepositoryPg, BothTakenNamesBoth) {
  repo_.create(test::sample_customer(8));
  EXPECT_THAT(conflict_fields([&] { repo_.create(test::sample_customer(8)); }),
              UnorderedElementsAre("email", "cpf"));
}

TEST_F(CustomerRepositoryPg, AddressOrderIsKept) {
  Customer in = test::sample_customer(9);
  in.addresses.clear();
  for (const char* city : {"Manaus", "Belém", "Aracaju", "Boa Vista", "Macapá", "Palmas"}) {
    in.addresses.push_back(
        {"Rua Um", "1", std::nullopt, std::nullopt, city, "AM", "69000000", "BR"});
  }
  const auto found = repo_.find(repo_.create(in).id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->addresses, in.addresses);
}

TEST_F(CustomerRepositoryPg, AFailingAddressInsertLeavesNoCustomer) {
  Customer in = test::sample_customer(10);
  in.addresses.push_back(in.addresses[0]);
  in.addresses[1].postal_code = "not-a-cep";  // past the domain rules, caught by the table
  const auto count_before = repo_.count();
  EXPECT_THROW(repo_.create(in), Error);
  EXPECT_EQ(repo_.count(), count_before);
  EXPECT_EQ(
      test::pg_value("SELECT count(*) FROM customers WHERE email = 'cliente10@example.com.br'"),
      "0");
}

TEST_F(CustomerRepositoryPg, HostileTextIsStoredExactly) {
  Customer in = test::sample_customer(11);
  in.name = "'); DROP TABLE customers;-- \"x\" \\ % _ .* [a-z]+ $1 ç";
  in.phone = "'||pg_sleep(5)||'";
  in.addresses[0].street = "Rua D'Ávila; DELETE FROM customer_addresses; --";
  in.addresses[0].complement = "{\"$gt\": 1} \\n ${x}";
  const auto found = repo_.find(repo_.create(in).id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->name, in.name);
  EXPECT_EQ(found->phone, in.phone);
  EXPECT_EQ(found->addresses, in.addresses);
  EXPECT_EQ(test::pg_value("SELECT to_regclass('customers') IS NOT NULL"), "t");
}

TEST_F(CustomerRepositoryPg, ModifyStoresTheChangeAndMovesUpdatedAt) {
  const Customer c = repo_.create(test::sample_customer(12));
  const auto next = repo_.modify(c.id, [](const Customer& cur) {
    return apply_merge_patch(cur, {{"name", "Novo Nome"}, {"phone", nullptr}});
  });
  ASSERT_TRUE(next);
  EXPECT_EQ(next->name, "Novo Nome");
  EXPECT_FALSE(next->phone);
  EXPECT_EQ(next->created_at, c.created_at);
  EXPECT_GT(next->updated_at, c.updated_at);
  const auto found = repo_.find(c.id);
  EXPECT_EQ(found->name, "Novo Nome");
  EXPECT_EQ(found->updated_at, next->updated_at);
}

TEST_F(CustomerRepositoryPg, ModifyWithoutChangeKeepsUpdatedAt) {
  const Customer c = repo_.create(test::sample_customer(13));
  const auto same = repo_.modify(c.id, [](const Customer& cur) {
    return apply_merge_patch(cur, {{"name", "Cliente 13"}});
  });
  ASSERT_TRUE(same);
  EXPECT_EQ(same->updated_at, c.updated_at);
  EXPECT_EQ(repo_.find(c.id)->updated_at, c.updated_at);
}

TEST_F(CustomerRepositoryPg, ChangingOnlyTheCaseOfOnesOwnEmailIsNoConflict) {
  const Customer c = repo_.create(test::sample_customer(14));
  const auto next = repo_.modify(c.id, [](const Customer& cur) {
    return apply_merge_patch(cur, {{"email", "Cliente14@EXAMPLE.com.br"}});
  });
  ASSERT_TRUE(next);
  EXPECT_EQ(repo_.find(c.id)->email, "Cliente14@EXAMPLE.com.br");
}

TEST_F(CustomerRepositoryPg, ModifyToATakenEmailOrCpfIsAConflict) {
  const Customer a = repo_.create(test::sample_customer(15));
  const Customer b = repo_.create(test::sample_customer(16));
  EXPECT_THAT(conflict_fields([&] {
                repo_.modify(b.id, [&](const Customer& cur) {
                  return apply_merge_patch(cur, {{"email", "CLIENTE15@example.com.br"}});
                });
              }),
              ElementsAre("email"));
  EXPECT_THAT(conflict_fields([&] {
                repo_.modify(b.id, [&](const Customer& cur) {
                  return apply_merge_patch(cur, {{"cpf", *a.cpf}});
                });
              }),
              ElementsAre("cpf"));
  EXPECT_EQ(repo_.find(b.id)->email, b.email);
}

TEST_F(CustomerRepositoryPg, ModifyReplacesTheAddressList) {
  const Customer c = repo_.create(test::sample_customer(17));
  const auto next = repo_.modify(c.id, [](const Customer& cur) {
    Customer n = cur;
    n.addresses = {{"Rua Dois", "2", std::nullopt, std::nullopt, "Natal", "RN", "59000000", "BR"},
                   {"Rua Três", "3", std::nullopt, std::nullopt, "Natal", "RN", "59000001", "BR"}};
    return n;
  });
  ASSERT_TRUE(next);
  EXPECT_EQ(repo_.find(c.id)->addresses, next->addresses);
  EXPECT_EQ(test::pg_value("SELECT count(*) FROM customer_addresses WHERE customer_id = " +
                           std::to_string(c.id)),
            "2");
}

TEST_F(CustomerRepositoryPg, ConcurrentModificationsAreNotLost) {
  const Customer c = repo_.create(test::sample_customer(18));
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      // More writers than the pool has connections: a full pool refuses at once (a client hears
      // 503 with Retry-After and comes back), so each writer tries again until it gets one.
      for (;;) {
        try {
          repo_.modify(c.id, [i](const Customer& cur) {
            Customer n = cur;
            n.addresses.push_back({"Rua Paralela", std::to_string(i), std::nullopt, std::nullopt,
                                   "Goiânia", "GO", "74000000", "BR"});
            return n;
          });
          return;
        } catch (const StoreBusy&) {
          std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(repo_.find(c.id)->addresses.size(), 1u + 8u);
}

TEST_F(CustomerRepositoryPg, UpdateReplacesEveryField) {
  const Customer c = repo_.create(test::sample_customer(19));
  Customer next = test::sample_customer(20);
  next.id = c.id;
  const auto stored = repo_.update(next);
  ASSERT_TRUE(stored);
  EXPECT_TRUE(same_details(*repo_.find(c.id), next));
  EXPECT_GT(stored->updated_at, c.updated_at);
}

TEST_F(CustomerRepositoryPg, RemoveDeletesTheAddressesToo) {
  const Customer c = repo_.create(test::sample_customer(21));
  EXPECT_TRUE(repo_.remove(c.id));
  EXPECT_FALSE(repo_.find(c.id));
  EXPECT_EQ(test::pg_value("SELECT count(*) FROM customer_addresses WHERE customer_id = " +
                           std::to_string(c.id)),
            "0");
  EXPECT_FALSE(repo_.remove(c.id));
}

TEST_F(CustomerRepositoryPg, CountMatchesTheTable) {
  EXPECT_EQ(std::to_string(repo_.count()), test::pg_value("SELECT count(*) FROM customers"));
}

TEST_F(CustomerRepositoryPg, StoredRowsHaveTheExpectedShape) {
  const Customer c = repo_.create(test::sample_customer(22));
  const std::string id = std::to_string(c.id);
  EXPECT_EQ(test::pg_value("SELECT cpf FROM customers WHERE id = " + id), *c.cpf);
  EXPECT_EQ(test::pg_value("SELECT name_folded FROM customers WHERE id = " + id), "cliente 22");
  EXPECT_EQ(test::pg_value("SELECT birth_date FROM customers WHERE id = " + id), "1980-01-23");
  EXPECT_EQ(test::pg_value("SELECT postal_code || state || country || position FROM "
                           "customer_addresses WHERE customer_id = " +
                           id),
            "01305000SPBR0");
}

TEST_F(CustomerRepositoryPg, EveryStatementIsTimed) {
  repo_.create(test::sample_customer(23));
  const std::string text = metrics_.render();
  EXPECT_NE(text.find("operation=\"insert_customer\""), std::string::npos) << text;
  EXPECT_NE(text.find("operation=\"connect\""), std::string::npos);
}

TEST_F(CustomerRepositoryPg, ARowLockedLongerThanTheTimeoutGivesStoreUnavailable) {
  const Customer c = repo_.create(test::sample_customer(24));
  pqxx::connection holder(test::pg_url());
  pqxx::work lock(holder);
  lock.exec_params("SELECT 1 FROM customers WHERE id = $1 FOR UPDATE", c.id);

  Metrics m;
  PostgresSettings s = test::pg_settings();
  s.timeout = std::chrono::milliseconds(300);
  PostgresStore impatient(s, m);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_THROW(impatient.customers().modify(c.id, [](const Customer& cur) { return cur; }),
               StoreUnavailable);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  lock.abort();
  // The connection survives a cancelled statement and serves the next call.
  EXPECT_TRUE(impatient.customers().exists(c.id));
}

}  // namespace
}  // namespace ld
