// Outage drills on the local stores scripts/stores.sh runs: a store killed with SIGKILL, as a
// crash would, and started again by the same script a user runs.
#pragma once

namespace ld::test {

enum class LocalStore { postgres, redis, mongodb };

const char* store_name(LocalStore store);

// Kills the store's server at once (and returns once it is gone); starts it again when start()
// is called, or at the end of the scope however the test ends.
class StoreKilled {
 public:
  explicit StoreKilled(LocalStore store);
  ~StoreKilled();
  StoreKilled(const StoreKilled&) = delete;
  StoreKilled& operator=(const StoreKilled&) = delete;

  bool killed() const { return killed_; }
  // Returns once the server answers again (after crash recovery, for PostgreSQL).
  void start();

 private:
  LocalStore store_;
  bool killed_ = false;
  bool started_ = false;
};

}  // namespace ld::test
