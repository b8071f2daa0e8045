// Keeps the Idempotency-Key locks of the requests running in this process alive. A lock is a
// short lease (S2_IDEMPOTENCY_LOCK_MS, a few seconds): one thread renews the leases of every
// request in flight, all of them in one store round trip per tick, so a live request keeps its
// key however long it runs, while a request that died with its S2, or whose abandon() was lost
// while the store was down, stops being renewed and frees its key within one lease.
//
// Losing a lease while the request still runs (the store was down for longer than a lease) is
// safe: the next attempt is promised the same id and finds what the first one left behind, as
// after a crash (docs/architecture.md, "The crash-safety story of an order").
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "domain/shared/idempotency.hpp"

namespace ld {

class IdempotencyLeases {
 public:
  // A request's claim to have its key renewed, from begin() answering `started` until the
  // record is completed or abandoned.
  class Held {
   public:
    Held(IdempotencyLeases& leases, std::string key);
    ~Held();
    Held(const Held&) = delete;
    Held& operator=(const Held&) = delete;

   private:
    IdempotencyLeases& leases_;
    std::string key_;
  };

  // Renews every `every`; `failed` hears a renewal that did not reach the store (logged by the
  // caller, once per outage if it likes). `every` must be well below the lease.
  IdempotencyLeases(IdempotencyStore& store, std::chrono::milliseconds every,
                    std::function<void(const std::exception&)> failed = {});
  ~IdempotencyLeases();  // stops and joins
  IdempotencyLeases(const IdempotencyLeases&) = delete;
  IdempotencyLeases& operator=(const IdempotencyLeases&) = delete;

  // One renewal of every key in flight now; what the thread does each tick.
  void renew_now();

 private:
  void run();

  IdempotencyStore& store_;
  std::chrono::milliseconds every_;
  std::function<void(const std::exception&)> failed_;

  std::mutex mutex_;
  // Key -> how many requests of this process hold it (a takeover can meet its own first
  // attempt in the same process).
  std::map<std::string, int> in_flight_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace ld
