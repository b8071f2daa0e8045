#include "storage/postgres/statement.hpp"

namespace ld::postgres {

pqxx::work begin(Metrics& metrics, pqxx::connection& connection) {
  StoreCall call(metrics, Store::postgres, "begin");
  try {
    return pqxx::work(connection);
  } catch (...) {
    call.failed();
    throw;
  }
}

void commit(Metrics& metrics, pqxx::transaction_base& tx) {
  StoreCall call(metrics, Store::postgres, "commit");
  try {
    tx.commit();
  } catch (const pqxx::integrity_constraint_violation&) {
    throw;  // a deferred constraint: the data's fault, not the store's
  } catch (...) {
    call.failed();
    throw;
  }
}

}  // namespace ld::postgres
