// Finding a record S2 already holds, for a POST that met 409: a customer by e-mail, a book by
// its Google volume id (or ISBN). Used by the run (to resolve the conflict) and by verify (to
// read the run's lookups back from the log).
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "s1/generator/random.hpp"
#include "s1/s2_client/retry_policy.hpp"
#include "s1/s2_client/s2_connection.hpp"

namespace ld::s1 {

// The item of a list page that is the record `sent` describes, if any.
std::optional<nlohmann::json> match_customer(const nlohmann::json& sent,
                                             const nlohmann::json& page);
std::optional<nlohmann::json> match_book(const nlohmann::json& sent, const nlohmann::json& page);

// The id S2 gave a record, as text ("17", "65f0...").
std::optional<std::string> record_id(const nlohmann::json& record);

// Whether two book bodies name the same book: the same volume id, else ISBN-13, else ISBN-10.
bool same_book(const nlohmann::json& a, const nlohmann::json& b);

// Digits of an ISBN (and an uppercase X), as S2 stores it.
std::string isbn_digits(const std::string& text);

// Asks S2. `tie_key`, when not empty, is sent as the Idempotency-Key of the lookup so the log
// shows which POST the lookup resolved (S2 ignores the header on a GET).
std::optional<nlohmann::json> find_customer(S2Connection& s2, const std::string& phase,
                                            const nlohmann::json& sent, const std::string& tie_key,
                                            const RetryPolicy& policy, Random& jitter);
std::optional<nlohmann::json> find_book(S2Connection& s2, const std::string& phase,
                                        const nlohmann::json& sent, const std::string& tie_key,
                                        const RetryPolicy& policy, Random& jitter);

// Percent-encodes a query value (RFC 3986 unreserved characters kept).
std::string url_encode(std::string_view text);

}  // namespace ld::s1
