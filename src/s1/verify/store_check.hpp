// Checks the records of one store against S2: each acknowledged record fetched and compared,
// then a search for duplicates. One StoreCheck per store, for the verify table.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "s1/generator/random.hpp"
#include "s1/s2_client/retry_policy.hpp"
#include "s1/s2_client/s2_connection.hpp"
#include "s1/verify/acknowledged.hpp"

namespace ld::s1 {

struct StoreCheck {
  std::string store;  // "PostgreSQL customers"
  std::size_t created = 0;
  std::size_t found = 0;
  std::size_t missing = 0;
  std::size_t different = 0;
  std::size_t duplicates = 0;
  std::size_t unchecked = 0;  // S2 gave no usable answer even after retries
  std::vector<std::string> problems;

  bool ok() const { return missing == 0 && different == 0 && duplicates == 0 && unchecked == 0; }
};

// Everything the checks share: the connection, the retry policy, and what each store's check
// learnt that a later one needs (the books S2 acknowledged, which ids exist).
struct VerifySession {
  S2Connection& s2;
  const RetryPolicy& policy;
  Random& jitter;
  std::map<std::string, nlohmann::json> books_acknowledged;  // book id -> expected_source()
  std::map<std::string, int> existence;                      // "/customers/17" -> GET status
  std::map<std::string, std::int64_t> stock_taken;           // book id -> quantity the orders took
};

// What a record S2 acknowledged is checked against: the body sent when S2 answered 201 (it
// promised to store what was sent), the record S2 showed when the POST met 409 on a field (the
// record was there before; its price and stock are S2's, not what this run planned).
const nlohmann::json& expected_source(const Acknowledged& ack);

// What the acknowledged orders took from each book's stock.
std::map<std::string, std::int64_t> stock_taken_by(const std::vector<Acknowledged>& orders);

StoreCheck check_customers(VerifySession& session, const std::vector<Acknowledged>& acked);
StoreCheck check_books(VerifySession& session, const std::vector<Acknowledged>& acked);
StoreCheck check_orders(VerifySession& session, const std::vector<Acknowledged>& acked);

}  // namespace ld::s1
