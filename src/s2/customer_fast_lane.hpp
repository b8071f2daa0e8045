// GET /customers/{id} answered on the I/O thread. The customer is one prepared statement (the
// worker path's own), sent through connections driven by the HTTP server's own loop
// (storage/postgres/async_postgres.hpp), so the read costs no hand-off to a worker and blocks no
// thread while PostgreSQL works. The answer is the one the worker path gives (s2/fast_lane.hpp).
// A request it cannot answer that way (a malformed id, a query string, a schema not yet migrated)
// is left to the workers, which answer it in full.
#pragma once

#include "core/metrics.hpp"
#include "http/server.hpp"
#include "s2/app.hpp"
#include "storage/postgres/async_postgres.hpp"
#include "storage/postgres/postgres_store.hpp"

namespace ld::s2 {

class CustomerFastLane {
 public:
  CustomerFastLane(const App& app, const PostgresStore& store, postgres::AsyncPostgres& postgres,
                   Metrics& metrics)
      : app_(app), store_(store), postgres_(postgres), metrics_(metrics) {}

  // The statements the lane's connections prepare.
  static std::vector<postgres::Statement> statements();

  // http::FastLane: true when it took the request (and will call `respond`).
  bool take(http::Request& request, http::Respond respond);

 private:
  const App& app_;
  const PostgresStore& store_;
  postgres::AsyncPostgres& postgres_;
  Metrics& metrics_;
};

}  // namespace ld::s2
