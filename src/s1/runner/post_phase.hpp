// One phase of a round: every record POSTed by the worker pool, each ending classified (created,
// replayed, already there, refused as intended, failed).
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "s1/report/outcome_tally.hpp"
#include "s1/runner/worker_pool.hpp"
#include "s1/s2_client/retry_policy.hpp"

namespace ld::s1 {

struct PostJob {
  std::optional<nlohmann::json> body;  // none: skipped, a record it needs was not created
  bool invalid = false;
  std::string idempotency_key;
};

enum class Ending {
  created,
  already_present,  // 409 on a field: S2 already held this record; `record` is S2's
  rejected_as_expected,
  invalid_accepted,
  failed,
  skipped,
  interrupted,
};

struct PostEnding {
  Ending ending = Ending::failed;
  nlohmann::json record;  // the record S2 holds, when the ending has one
  std::string detail;     // why it failed, for the user
  bool replayed = false;  // S2 answered from its idempotency record (Idempotent-Replayed)
};

// Looks up the record a 409 says exists; `tie_key` goes on the lookup (see entity_lookup.hpp).
using ConflictLookup = std::function<std::optional<nlohmann::json>(
    Worker&, const nlohmann::json& sent, const std::string& tie_key)>;

struct PostPhase {
  std::string phase;      // customers, books, orders
  std::string path;       // /customers
  ConflictLookup lookup;  // empty: a 409 is not resolvable (orders)
};

struct PhaseRun {
  std::vector<PostEnding> endings;  // by job index
  OutcomeTally tally;
};

PhaseRun run_post_phase(WorkerPool& pool, const PostPhase& phase, const std::vector<PostJob>& jobs,
                        const RetryPolicy& policy, std::ostream& progress_out, bool terminal);

}  // namespace ld::s1
