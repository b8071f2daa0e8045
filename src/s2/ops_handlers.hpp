// Operations endpoints: /health, /ready, /metrics, /stats and /openapi.json.
#pragma once

#include <functional>

#include "core/metrics.hpp"
#include "domain/books/book_repository.hpp"
#include "domain/customers/customer_repository.hpp"
#include "domain/orders/order_repository.hpp"
#include "domain/shared/store_status.hpp"
#include "http/message.hpp"
#include "s2/latest_count.hpp"

namespace ld::s2 {

struct StoreProbes {
  std::function<StoreStatus()> postgres;
  std::function<StoreStatus()> mongodb;
  std::function<StoreStatus()> redis;
};

class OpsHandlers {
 public:
  OpsHandlers(StoreProbes probes, CustomerRepository& customers, BookRepository& books,
              OrderRepository& orders, Metrics& metrics,
              std::function<void(Metrics&)> refresh_gauges)
      : probes_(std::move(probes)),
        metrics_(metrics),
        refresh_gauges_(std::move(refresh_gauges)),
        customers_("postgres", [&customers] { return customers.count(); }),
        books_("mongodb", [&books] { return books.count(); }),
        orders_("redis", [&orders] { return orders.count(); }) {}

  http::Response health(http::Request& request);   // GET /health
  http::Response ready(http::Request& request);    // GET /ready
  http::Response metrics(http::Request& request);  // GET /metrics
  http::Response stats(http::Request& request);    // GET /stats
  http::Response openapi(http::Request& request);  // GET /openapi.json

 private:
  StoreProbes probes_;
  Metrics& metrics_;
  std::function<void(Metrics&)> refresh_gauges_;
  // The counts /stats reports, each taken on a thread of its own (latest_count.hpp).
  LatestCount customers_;
  LatestCount books_;
  LatestCount orders_;
};

}  // namespace ld::s2
