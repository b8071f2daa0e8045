// The route table: every endpoint of S2 in one place. A reader finds any endpoint here, then in
// the handler file its handler class names.
#pragma once

#include <functional>

#include "domain/shared/idempotency.hpp"
#include "http/message.hpp"
#include "http/router.hpp"
#include "s2/admin_handlers.hpp"
#include "s2/book_handlers.hpp"
#include "s2/console_handlers.hpp"
#include "s2/customer_handlers.hpp"
#include "s2/ops_handlers.hpp"
#include "s2/order_handlers.hpp"

namespace ld::s2 {

// A handler of S2: the request and, for a POST or PATCH that carries an Idempotency-Key, the
// scope of its key (null otherwise), which only the handlers that create something use.
using Handler = std::function<http::Response(http::Request&, IdempotencyScope*)>;
using Route = http::BasicRoute<Handler>;
using Router = http::BasicRouter<Handler>;

struct Handlers {
  CustomerHandlers& customers;
  BookHandlers& books;
  OrderHandlers& orders;
  OpsHandlers& ops;
  AdminHandlers& admin;
  ConsoleHandlers& console;
};

Router route_table(Handlers h);

}  // namespace ld::s2
