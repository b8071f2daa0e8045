// The route table: every endpoint of S2 in one place. A reader finds any endpoint here, then in
// the handler file its handler class names.
#pragma once

#include "http/router.hpp"
#include "s2/admin_handlers.hpp"
#include "s2/book_handlers.hpp"
#include "s2/console_handlers.hpp"
#include "s2/customer_handlers.hpp"
#include "s2/ops_handlers.hpp"
#include "s2/order_handlers.hpp"

namespace ld::s2 {

struct Handlers {
  CustomerHandlers& customers;
  BookHandlers& books;
  OrderHandlers& orders;
  OpsHandlers& ops;
  AdminHandlers& admin;
  ConsoleHandlers& console;
};

http::Router route_table(Handlers h);

}  // namespace ld::s2
