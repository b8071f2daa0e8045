#include "storage/postgres/customer_inspection.hpp"

#include <string>

#include "storage/postgres/connection_options.hpp"

namespace ld::postgres {

namespace {

// SELECT *: a column added by a later migration shows up here without a change.
const Statement kCustomerRow{"inspect_customer", "SELECT * FROM customers WHERE id = $1"};
const Statement kAddressRows{
    "inspect_customer_addresses",
    "SELECT * FROM customer_addresses WHERE customer_id = $1 ORDER BY position"};
// The declared type of each column, as \d would print it: varchar(200), char(11), timestamptz.
const Statement kColumns{"inspect_columns", R"(
  SELECT a.attname, format_type(a.atttypid, a.atttypmod)
  FROM pg_attribute a
  WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped
  ORDER BY a.attnum)"};

nlohmann::ordered_json table_json(Metrics& metrics, pqxx::transaction_base& tx,
                                  const std::string& table, const pqxx::result& rows) {
  nlohmann::ordered_json columns = nlohmann::ordered_json::array();
  for (const auto& column : execute(metrics, tx, kColumns, table)) {
    columns.push_back({{"name", column[0].c_str()}, {"type", column[1].c_str()}});
  }
  nlohmann::ordered_json out_rows = nlohmann::ordered_json::array();
  for (const auto& row : rows) {
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    for (const auto& field : row) {
      out[field.name()] =
          field.is_null() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(field.c_str());
    }
    out_rows.push_back(std::move(out));
  }
  return {{"table", table}, {"columns", std::move(columns)}, {"rows", std::move(out_rows)}};
}

}  // namespace

CustomerInspection::CustomerInspection(const PostgresSettings& settings, Metrics& metrics)
    : metrics_(metrics),
      pool_({with_connect_timeout(settings.url, settings.timeout), 1, settings.timeout},
            {kCustomerRow, kAddressRows, kColumns}, metrics) {}

std::optional<nlohmann::ordered_json> CustomerInspection::customer(std::int64_t id) {
  return pool_.run([&](pqxx::connection& connection) -> std::optional<nlohmann::ordered_json> {
    // READ ONLY: PostgreSQL itself refuses any write made through this transaction.
    pqxx::read_transaction tx(connection);
    const auto customer = execute(metrics_, tx, kCustomerRow, id);
    if (customer.empty()) return std::nullopt;
    const auto addresses = execute(metrics_, tx, kAddressRows, id);
    return nlohmann::ordered_json{{"database", "postgresql"},
                                  {"tables",
                                   {table_json(metrics_, tx, "customers", customer),
                                    table_json(metrics_, tx, "customer_addresses", addresses)}}};
  });
}

}  // namespace ld::postgres
