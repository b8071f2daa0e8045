// What a run's audit log says S2 acknowledged: for every POST (one per Idempotency-Key) the body
// sent and the record S2 answered 201 with (its last successful attempt), or, when the POST met
// 409 on a field, the record S2 already held that the lookup tied to the key found.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ld::s1 {

struct Acknowledged {
  std::string idempotency_key;
  nlohmann::json sent;      // the POST body
  nlohmann::json record;    // what S2 said it stored, or showed it already held
  bool via_lookup = false;  // the record was already there (409 on a field), not created
};

struct LogContents {
  std::string server;  // scheme://host[:port] the POSTs went to
  std::size_t entries = 0;
  std::vector<Acknowledged> customers;
  std::vector<Acknowledged> books;
  std::vector<Acknowledged> orders;
};

// Throws std::runtime_error with a clear message when the file is missing or not a JSON array.
LogContents read_acknowledged(const std::string& path);

// Splits "http://host:5000/customers?email=x" into ("http://host:5000", "/customers").
std::pair<std::string, std::string> split_url(const std::string& url);

}  // namespace ld::s1
