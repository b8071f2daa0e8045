// Idempotency-Key records: the first response to a keyed POST/PATCH, kept so that a retry gets
// the same answer instead of doing the work twice. Kept in Redis (S2 holds no state of its own).
#pragma once

#include <string>

namespace ld {

struct StoredResponse {
  int status = 0;
  std::string body;
  std::string content_type;
  std::string location;  // empty when the response had none
};

// Everything needed to complete a record: which key, for which body, with what answer.
struct IdempotencyOutcome {
  std::string key;          // scoped: method, path and the client's key
  std::string fingerprint;  // SHA-256 of the request body
  StoredResponse response;
};

class IdempotencyStore {
 public:
  enum class Outcome {
    started,      // first attempt, or taking over from one that died: run the request,
                  // then complete() or abandon()
    replay,       // done before with the same body: answer `response` again
    in_progress,  // an earlier request with this key is still running (409)
    mismatch,     // the key was used with another body (422)
  };
  struct Begin {
    Outcome outcome = Outcome::started;
    StoredResponse response;  // replay
    std::string promised_id;  // started: the id for what the request creates, the same for
                              // every attempt with this key
  };

  virtual ~IdempotencyStore() = default;
  // `candidate_id` becomes the promised id when this is the key's first attempt.
  virtual Begin begin(const std::string& key, const std::string& fingerprint,
                      const std::string& candidate_id) = 0;
  virtual void complete(const IdempotencyOutcome& outcome) = 0;
  // Unlocks a started record (the request failed with 5xx), so a retry runs again at once,
  // promised the same id.
  virtual void abandon(const std::string& key) = 0;
};

}  // namespace ld
