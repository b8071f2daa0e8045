// Keeps the Idempotency-Key locks of the requests running in this process alive. A lock is a
// short lease (S2_IDEMPOTENCY_LOCK_MS, a few seconds) renewed by Leases: a live request keeps
// its key however long it runs, while a request that died with its S2, or whose abandon() was
// lost while the store was down, frees its key within one lease.
//
// Losing a lease while the request still runs (the store was down for longer than a lease) is
// safe: the next attempt is promised the same id and finds what the first one left behind, as
// after a crash (docs/architecture.md, "The crash-safety story of an order").
#pragma once

#include <chrono>
#include <exception>
#include <functional>
#include <utility>
#include <vector>

#include "domain/shared/idempotency.hpp"
#include "domain/shared/leases.hpp"

namespace ld {

class IdempotencyLeases : public Leases {
 public:
  // Renews through IdempotencyStore::renew every `every`.
  IdempotencyLeases(IdempotencyStore& store, std::chrono::milliseconds every,
                    std::function<void(const std::exception&)> failed = {})
      : Leases([&store](const std::vector<std::string>& keys) { store.renew(keys); }, every,
               std::move(failed)) {}
};

}  // namespace ld
