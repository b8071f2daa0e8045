// Idempotency-Key records: the first response to a keyed POST/PATCH, kept so that a retry gets
// the same answer instead of doing the work twice. Kept in Redis (S2 holds no state of its own).
#pragma once

#include <string>
#include <utility>
#include <vector>

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

// A keyed request's claim on its record, from the pipeline that took it (IdempotencyStore::begin
// answered `started`) to the use case that runs the request. A use case that can complete the
// record in the same atomic step as its own write (placing an order) does so and says it did;
// for every other request the pipeline completes the record with the response.
class IdempotencyScope {
 public:
  IdempotencyScope(std::string key, std::string fingerprint, std::string promised_id)
      : key_(std::move(key)),
        fingerprint_(std::move(fingerprint)),
        promised_id_(std::move(promised_id)) {}

  const std::string& key() const { return key_; }
  // The id for what the request creates: the same in every attempt with this key, so a retry
  // after a crash finds what its first attempt stored instead of storing a second one.
  const std::string& promised_id() const { return promised_id_; }

  // The completed record for `response`, to store together with the request's own write.
  IdempotencyOutcome outcome(StoredResponse response) const {
    return {key_, fingerprint_, std::move(response)};
  }
  // The record was completed with the request's write: the pipeline must not write it again.
  void mark_recorded() { recorded_ = true; }
  bool recorded() const { return recorded_; }

 private:
  std::string key_;
  std::string fingerprint_;
  std::string promised_id_;
  bool recorded_ = false;
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
  // Extends the lock of every record in `keys` that is still running, in one store round trip:
  // the lock is a lease that the request's own S2 renews while the request runs
  // (IdempotencyLeases), so that a request whose S2 died, or whose abandon() was lost in a store
  // outage, frees its key within one lease instead of blocking it for long.
  virtual void renew(const std::vector<std::string>& keys) = 0;
};

}  // namespace ld
