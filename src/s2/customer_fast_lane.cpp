#include "s2/customer_fast_lane.hpp"

#include <map>
#include <string>

#include "core/ids.hpp"
#include "domain/customers/customer_json.hpp"
#include "http/problem.hpp"
#include "http/router.hpp"
#include "s2/customer_handlers.hpp"
#include "s2/fast_lane.hpp"
#include "storage/postgres/customer_rows.hpp"
#include "storage/postgres/postgres_customer_repository.hpp"

namespace ld::s2 {

std::vector<postgres::Statement> CustomerFastLane::statements() {
  return {postgres::PostgresCustomerRepository::find_statement()};
}

bool CustomerFastLane::take(http::Request& request, http::Respond respond) {
  std::map<std::string, std::string> params;
  if (request.method != "GET" || !request.query.empty() ||
      !http::matches_pattern("/customers/{id}", request.path, params)) {
    return false;
  }
  const auto id = ids::parse_customer_id(params["id"]);
  // A malformed id gets the workers' 400; a schema still to migrate, their migration first.
  if (!id || !store_.schema_ready()) return false;
  request.route = "/customers/{id}";
  request.params = std::move(params);
  app_.begin(request);
  const auto started = fast_lane::Clock::now();
  postgres_.query_row(
      postgres::PostgresCustomerRepository::find_statement().name, {std::to_string(*id)},
      [this, started, request = std::move(request),
       respond = std::move(respond)](postgres::AsyncPostgres::Reply reply) {
        using Kind = postgres::AsyncPostgres::Reply::Kind;
        http::Response response;
        switch (reply.kind) {
          case Kind::row:
            response = fast_lane::built(request, [&] {
              return http::Response::json(200, to_json(postgres::read_customer(reply.columns)));
            });
            break;
          case Kind::none:
            response = http::problem(customer_not_found());
            break;
          case Kind::failed:
            response =
                fast_lane::store_failed(request, Store::postgres, "customers.find", reply.error);
            break;
          case Kind::refused:
            response =
                fast_lane::internal_error(request, "postgres customers.find: " + reply.error);
            break;
        }
        fast_lane::send(app_, metrics_, Store::postgres, "customers.find",
                        reply.kind == Kind::failed || reply.kind == Kind::refused, started, request,
                        std::move(response), respond);
      });
  return true;
}

}  // namespace ld::s2
