// Keeps alive the leases this process holds in a store: Idempotency-Key locks, book locks, the
// claims of orders being placed. Each is a short lease in its store, which the store lets lapse
// on its own unless renewed. One thread renews every lease held now, all of them in one store
// round trip per tick, so a live holder keeps its lease however long it runs, while a holder
// that died with its process, or whose release was lost while the store was down, stops being
// renewed and loses its lease within one lease time.
//
// The renewal is a callback, so the store (and how it measures the lease) stays behind its
// interface: the thread only knows which names are held.
#pragma once

#include <chrono>
#include <condition_variable>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace ld {

class Leases {
 public:
  using Renew = std::function<void(const std::vector<std::string>&)>;

  // A holder's claim to have its lease renewed, from taking the lease until giving it back.
  class Held {
   public:
    Held(Leases& leases, std::string name);
    ~Held();
    Held(const Held&) = delete;
    Held& operator=(const Held&) = delete;

   private:
    Leases& leases_;
    std::string name_;
  };

  // Calls `renew` with every name held, every `every`; `failed` hears a renewal that did not
  // reach the store (logged by the caller, once per outage if it likes). `every` must be well
  // below the lease.
  Leases(Renew renew, std::chrono::milliseconds every,
         std::function<void(const std::exception&)> failed = {});
  ~Leases();  // stops and joins
  Leases(const Leases&) = delete;
  Leases& operator=(const Leases&) = delete;

  // What Held does, for a holder whose lease outlives one scope: renew `name` from now on.
  void hold(const std::string& name);
  // Stop renewing one hold of `name`; true when no other holder of it is left here.
  bool let_go(const std::string& name);

  // One renewal of every lease held now; what the thread does each tick.
  void renew_now();

 private:
  void run();

  Renew renew_;
  std::chrono::milliseconds every_;
  std::function<void(const std::exception&)> failed_;

  std::mutex mutex_;
  // Name -> how many holders of this process hold it (a takeover can meet its own first
  // attempt in the same process).
  std::map<std::string, int> held_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace ld
