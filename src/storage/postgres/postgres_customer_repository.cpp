#include "storage/postgres/postgres_customer_repository.hpp"

#include "core/error.hpp"
#include "domain/customers/customer_page.hpp"
#include "storage/postgres/customer_rows.hpp"

namespace ld::postgres {

namespace {

const std::string kSelect = std::string("SELECT ") + kCustomerColumns + " FROM customers c ";

const Statement kFindCustomer{"find_customer", kSelect + "WHERE c.id = $1"};
// Locks the row only. Under READ COMMITTED a locking SELECT re-reads the locked row once the
// lock is granted but reads every other table (the addresses) as of its start, so the customer
// is read by a second statement, after the lock, which sees the previous holder's commit.
const Statement kLockCustomer{"lock_customer", "SELECT 1 FROM customers WHERE id = $1 FOR UPDATE"};
const Statement kCustomerExists{"customer_exists", "SELECT 1 FROM customers WHERE id = $1"};
const Statement kCreatedUnderKey{"customer_created_under_key",
                                 "SELECT id FROM customers WHERE creation_key = $1::uuid"};
// Exact while the table is small enough to count in a few milliseconds; past that, the planner's
// estimate (pg_class.reltuples, kept by autovacuum and ANALYZE), so /stats never reads the whole
// table. The count in the ELSE branch is an initplan, run only when that branch is taken.
const Statement kCountCustomers{"count_customers", R"(
SELECT CASE WHEN c.reltuples >= 10000 THEN c.reltuples::bigint
            ELSE (SELECT count(*) FROM customers) END
FROM pg_class c WHERE c.oid = 'customers'::regclass)"};

// One statement per combination of filters: a plan that does not have to allow for an absent
// filter can use the email index or the trigram index. The two with a name pattern are planned
// per call (see execute_planned_per_call), so they are not among the prepared statements.
const std::string kPageEnd = " ORDER BY c.id LIMIT $2";
const Statement kListCustomers{"list_customers", kSelect + "WHERE c.id > $1" + kPageEnd};
const Statement kListCustomersByEmail{
    "list_customers_by_email",
    kSelect + "WHERE c.id > $1 AND lower(c.email) = lower($3)" + kPageEnd};
const Statement kListCustomersByName{
    "list_customers_by_name",
    kSelect + "WHERE c.id > $1 AND c.name_folded LIKE $3 ESCAPE '\\'" + kPageEnd};
const Statement kListCustomersByEmailAndName{
    "list_customers_by_email_and_name",
    kSelect +
        "WHERE c.id > $1 AND lower(c.email) = lower($3) AND c.name_folded LIKE $4 ESCAPE '\\'" +
        kPageEnd};

// A single statement is a transaction of its own: the customer and its addresses are stored
// together or not at all, in one round trip.
const Statement kInsertCustomer{"insert_customer", R"(
  WITH new_customer AS (
    INSERT INTO customers (name, name_folded, email, cpf, phone, birth_date, created_at,
                           updated_at, creation_key)
    VALUES ($1, $2, $3, $4, $5, $6::date, date_trunc('milliseconds', now()),
            date_trunc('milliseconds', now()), $8::uuid)
    RETURNING id, created_at, updated_at),
  new_addresses AS (
    INSERT INTO customer_addresses (customer_id, position, street, number, complement, district,
                                    city, state, postal_code, country)
    SELECT n.id, a.position - 1, a.value->>'street', a.value->>'number', a.value->>'complement',
           a.value->>'district', a.value->>'city', a.value->>'state', a.value->>'postal_code',
           a.value->>'country'
    FROM new_customer n, jsonb_array_elements($7::jsonb) WITH ORDINALITY AS a(value, position))
  SELECT id, (extract(epoch FROM created_at) * 1000)::bigint,
         (extract(epoch FROM updated_at) * 1000)::bigint
  FROM new_customer)"};

// updated_at moves forward on every change, even two within the same millisecond.
const Statement kUpdateCustomer{"update_customer", R"(
  UPDATE customers
  SET name = $2, name_folded = $3, email = $4, cpf = $5, phone = $6, birth_date = $7::date,
      updated_at = greatest(date_trunc('milliseconds', clock_timestamp()),
                            updated_at + interval '1 millisecond')
  WHERE id = $1
  RETURNING (extract(epoch FROM created_at) * 1000)::bigint,
            (extract(epoch FROM updated_at) * 1000)::bigint)"};
const Statement kDeleteAddresses{"delete_addresses",
                                 "DELETE FROM customer_addresses WHERE customer_id = $1"};
const Statement kInsertAddresses{"insert_addresses", R"(
  INSERT INTO customer_addresses (customer_id, position, street, number, complement, district,
                                  city, state, postal_code, country)
  SELECT $1, a.position - 1, a.value->>'street', a.value->>'number', a.value->>'complement',
         a.value->>'district', a.value->>'city', a.value->>'state', a.value->>'postal_code',
         a.value->>'country'
  FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS a(value, position))"};

const Statement kDeleteCustomer{"delete_customer", "DELETE FROM customers WHERE id = $1"};

// Which unique values another customer ($3 = the customer itself, 0 for a new one) holds.
const Statement kFindTaken{"find_taken", R"(
  SELECT EXISTS (SELECT 1 FROM customers WHERE lower(email) = lower($1) AND id <> $3),
         EXISTS (SELECT 1 FROM customers WHERE cpf = $2 AND id <> $3))"};

// A write that lost a race to a customer who then went away is retried this many times.
constexpr int kWriteAttempts = 3;

Error taken_race() {
  return conflict_state("The customer's e-mail or CPF changed hands meanwhile; try again.");
}

}  // namespace

PostgresCustomerRepository::PostgresCustomerRepository(PostgresPool& pool, Metrics& metrics,
                                                       std::function<void()> schema_ready)
    : pool_(pool), metrics_(metrics), schema_ready_(std::move(schema_ready)) {}

std::vector<Statement> PostgresCustomerRepository::statements() {
  return {kFindCustomer,    kLockCustomer,         kCustomerExists, kCountCustomers,
          kListCustomers,   kListCustomersByEmail, kInsertCustomer, kUpdateCustomer,
          kDeleteAddresses, kInsertAddresses,      kDeleteCustomer, kFindTaken,
          kCreatedUnderKey};
}

const Statement& PostgresCustomerRepository::find_statement() {
  return kFindCustomer;
}

void PostgresCustomerRepository::throw_if_taken(pqxx::connection& connection,
                                                const Customer& customer) {
  pqxx::nontransaction tx(connection);
  const auto row =
      execute(metrics_, tx, kFindTaken, customer.email, nullable(customer.cpf), customer.id)[0];
  std::vector<FieldError> fields;
  if (row[0].as<bool>()) fields.push_back({"email", "is already taken by another customer"});
  if (row[1].as<bool>()) fields.push_back({"cpf", "is already taken by another customer"});
  if (fields.empty()) return;
  const std::string detail = fields.size() == 2 ? "The e-mail and the CPF are already taken."
                             : fields[0].field == "email" ? "The e-mail is already taken."
                                                          : "The CPF is already taken.";
  throw Error(ErrorKind::conflict, detail, std::move(fields));
}

Customer PostgresCustomerRepository::create(const Customer& customer,
                                            const std::string& promised_id) {
  return run([&](pqxx::connection& connection) {
    // The customer an earlier attempt of the same request stored, if any.
    const auto earlier = [&]() -> std::optional<Customer> {
      if (promised_id.empty()) return std::nullopt;
      pqxx::nontransaction tx(connection);
      const auto key = execute(metrics_, tx, kCreatedUnderKey, promised_id);
      if (key.empty()) return std::nullopt;
      const auto rows = execute(metrics_, tx, kFindCustomer, key[0][0].as<std::int64_t>());
      if (rows.empty()) return std::nullopt;  // created, then deleted: it is not coming back
      return read_customer(rows[0]);
    };
    if (auto found = earlier()) return *found;
    const auto creation_key =
        promised_id.empty() ? std::nullopt : std::optional<std::string>(promised_id);
    for (int attempt = 0; attempt < kWriteAttempts; ++attempt) {
      try {
        pqxx::nontransaction tx(connection);
        const auto row = execute(metrics_, tx, kInsertCustomer, customer.name,
                                 folded_name(customer.name), customer.email, nullable(customer.cpf),
                                 nullable(customer.phone), nullable(birth_date_param(customer)),
                                 addresses_param(customer), nullable(creation_key))[0];
        Customer stored = customer;
        stored.id = row[0].as<std::int64_t>();
        stored.created_at = row[1].as<std::int64_t>();
        stored.updated_at = row[2].as<std::int64_t>();
        return stored;
      } catch (const pqxx::unique_violation&) {
      }
      if (auto found = earlier()) return *found;  // another attempt won the race
      Customer probe = customer;
      probe.id = 0;
      throw_if_taken(connection, probe);
    }
    throw taken_race();
  });
}

std::optional<Customer> PostgresCustomerRepository::find(std::int64_t id) {
  return run([&](pqxx::connection& connection) -> std::optional<Customer> {
    pqxx::nontransaction tx(connection);
    const auto rows = execute(metrics_, tx, kFindCustomer, id);
    if (rows.empty()) return std::nullopt;
    return read_customer(rows[0]);
  });
}

bool PostgresCustomerRepository::exists(std::int64_t id) {
  return run([&](pqxx::connection& connection) {
    pqxx::nontransaction tx(connection);
    return !execute(metrics_, tx, kCustomerExists, id).empty();
  });
}

Page<Customer> PostgresCustomerRepository::list(const CustomerFilter& filter,
                                                const PageRequest& page) {
  const std::int64_t after = after_customer_id(page);
  // One row more than asked tells whether another page follows.
  const int fetch = page.limit + 1;
  return run([&](pqxx::connection& connection) {
    pqxx::nontransaction tx(connection);
    pqxx::result rows;
    if (filter.email && filter.q) {
      rows = execute_planned_per_call(metrics_, tx, kListCustomersByEmailAndName, after, fetch,
                                      *filter.email, name_pattern(*filter.q));
    } else if (filter.email) {
      rows = execute(metrics_, tx, kListCustomersByEmail, after, fetch, *filter.email);
    } else if (filter.q) {
      rows = execute_planned_per_call(metrics_, tx, kListCustomersByName, after, fetch,
                                      name_pattern(*filter.q));
    } else {
      rows = execute(metrics_, tx, kListCustomers, after, fetch);
    }
    Page<Customer> out;
    for (const auto& row : rows) {
      if (static_cast<int>(out.items.size()) == page.limit) {
        out.next = customer_cursor(out.items.back());
        break;
      }
      out.items.push_back(read_customer(row));
    }
    return out;
  });
}

std::optional<Customer> PostgresCustomerRepository::write(pqxx::work& tx, const Customer& next,
                                                          const std::vector<Address>* before) {
  const auto rows =
      execute(metrics_, tx, kUpdateCustomer, next.id, next.name, folded_name(next.name), next.email,
              nullable(next.cpf), nullable(next.phone), nullable(birth_date_param(next)));
  if (rows.empty()) return std::nullopt;  // deleted meanwhile
  Customer stored = next;
  stored.created_at = rows[0][0].as<std::int64_t>();
  stored.updated_at = rows[0][1].as<std::int64_t>();
  if (!before || *before != next.addresses) {
    execute(metrics_, tx, kDeleteAddresses, next.id);
    if (!next.addresses.empty()) {
      execute(metrics_, tx, kInsertAddresses, next.id, addresses_param(next));
    }
  }
  return stored;
}

std::optional<Customer> PostgresCustomerRepository::update(const Customer& customer) {
  return run([&](pqxx::connection& connection) -> std::optional<Customer> {
    for (int attempt = 0; attempt < kWriteAttempts; ++attempt) {
      try {
        pqxx::work tx = begin(metrics_, connection);
        auto stored = write(tx, customer, nullptr);
        if (stored) commit(metrics_, tx);
        return stored;
      } catch (const pqxx::unique_violation&) {
      }
      throw_if_taken(connection, customer);
    }
    throw taken_race();
  });
}

std::optional<Customer> PostgresCustomerRepository::modify(
    std::int64_t id, const std::function<Customer(const Customer&)>& change) {
  return run([&](pqxx::connection& connection) -> std::optional<Customer> {
    for (int attempt = 0; attempt < kWriteAttempts; ++attempt) {
      Customer next;
      try {
        pqxx::work tx = begin(metrics_, connection);
        // The row lock makes concurrent PATCHes of one customer take turns instead of each
        // overwriting the other's change with what it read before.
        if (execute(metrics_, tx, kLockCustomer, id).empty()) return std::nullopt;
        const auto rows = execute(metrics_, tx, kFindCustomer, id);
        const Customer current = read_customer(rows[0]);
        next = change(current);
        next.id = current.id;
        if (same_details(next, current)) return current;
        // The row lock keeps it from going away, so write() finds it.
        auto stored = write(tx, next, &current.addresses);
        commit(metrics_, tx);
        return stored;
      } catch (const pqxx::unique_violation&) {
      }
      throw_if_taken(connection, next);
    }
    throw taken_race();
  });
}

bool PostgresCustomerRepository::remove(std::int64_t id) {
  return run([&](pqxx::connection& connection) {
    pqxx::nontransaction tx(connection);
    return execute(metrics_, tx, kDeleteCustomer, id).affected_rows() > 0;
  });
}

std::int64_t PostgresCustomerRepository::count() {
  return run([&](pqxx::connection& connection) {
    pqxx::nontransaction tx(connection);
    return execute(metrics_, tx, kCountCustomers)[0][0].as<std::int64_t>();
  });
}

}  // namespace ld::postgres
