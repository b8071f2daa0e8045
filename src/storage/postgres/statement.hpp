// A named SQL statement and the timed ways to run one. The name is the prepared statement's name
// on every pooled connection and the `operation` label of its metrics, so a slow query in
// /metrics points straight at its SQL.
#pragma once

#include <optional>
#include <string>
#include <utility>

#include <pqxx/pqxx>

#include "core/store_call.hpp"

namespace ld::postgres {

struct Statement {
  std::string name;
  std::string sql;
};

// Runs a prepared statement inside `tx`, timed under the statement's name.
template <class... Args>
pqxx::result execute(Metrics& metrics, pqxx::transaction_base& tx, const Statement& statement,
                     Args&&... args) {
  StoreCall call(metrics, Store::postgres, statement.name.c_str());
  try {
    return tx.exec_prepared(statement.name, std::forward<Args>(args)...);
  } catch (const pqxx::integrity_constraint_violation&) {
    throw;  // the request's data broke a rule: not a sign of a sick store
  } catch (...) {
    call.failed();
    throw;
  }
}

// Runs a statement as an unnamed parameterized query, planned for its actual values on every
// call (still timed under its name). For searches whose best plan depends on the value: a rare
// name fragment wants the trigram index, a common one a walk of the primary key, and a prepared
// statement's generic plan cannot tell them apart.
template <class... Args>
pqxx::result execute_planned_per_call(Metrics& metrics, pqxx::transaction_base& tx,
                                      const Statement& statement, Args&&... args) {
  StoreCall call(metrics, Store::postgres, statement.name.c_str());
  try {
    return tx.exec_params(statement.sql, std::forward<Args>(args)...);
  } catch (...) {
    call.failed();
    throw;
  }
}

// Starts a read-write transaction, timed as "begin" (libpqxx sends BEGIN right away).
pqxx::work begin(Metrics& metrics, pqxx::connection& connection);

// Commits `tx`, timed as "commit".
void commit(Metrics& metrics, pqxx::transaction_base& tx);

// A parameter that is NULL when the optional is empty (libpqxx 6 sends a null char* as NULL).
inline const char* nullable(const std::optional<std::string>& value) {
  return value ? value->c_str() : nullptr;
}

}  // namespace ld::postgres
