// IdempotencyLeases against a store that records what it was asked to renew: a request in flight
// is renewed, all of them in one call per tick; a finished one is not; a store that is down
// costs a tick, not the thread.
#include "domain/shared/idempotency_leases.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

#include "core/error.hpp"

namespace ld {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using namespace std::chrono_literals;

// Only renew() is used by the leases; the rest belongs to the pipeline.
class RenewalLog final : public IdempotencyStore {
 public:
  Begin begin(const std::string&, const std::string&, const std::string&) override {
    throw std::logic_error("not used by the leases");
  }
  void complete(const IdempotencyOutcome&) override {
    throw std::logic_error("not used by the leases");
  }
  void abandon(const std::string&) override { throw std::logic_error("not used by the leases"); }
  void renew(const std::vector<std::string>& keys) override {
    const std::scoped_lock lock(mutex_);
    calls_.push_back(keys);
    if (down_) throw StoreUnavailable("redis", "connection refused");
  }

  std::vector<std::vector<std::string>> calls() {
    const std::scoped_lock lock(mutex_);
    return calls_;
  }
  void forget() {
    const std::scoped_lock lock(mutex_);
    calls_.clear();
  }
  void set_down(bool down) {
    const std::scoped_lock lock(mutex_);
    down_ = down;
  }

 private:
  std::mutex mutex_;
  std::vector<std::vector<std::string>> calls_;
  bool down_ = false;
};

// Polls `done` until it holds or `within` has passed.
template <typename Condition>
bool eventually(Condition done, std::chrono::milliseconds within = 5s) {
  const auto deadline = std::chrono::steady_clock::now() + within;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(2ms);
  }
  return true;
}

TEST(IdempotencyLeasesTest, NothingInFlightAsksTheStoreNothing) {
  RenewalLog store;
  IdempotencyLeases leases(store, 1h);
  leases.renew_now();
  EXPECT_THAT(store.calls(), IsEmpty());
}

TEST(IdempotencyLeasesTest, EveryRequestInFlightIsRenewedInOneCall) {
  RenewalLog store;
  IdempotencyLeases leases(store, 1h);  // ticks by hand
  const IdempotencyLeases::Held a(leases, "POST /orders a");
  {
    const IdempotencyLeases::Held b(leases, "POST /orders b");
    leases.renew_now();
    EXPECT_THAT(store.calls(), ElementsAre(ElementsAre("POST /orders a", "POST /orders b")));
  }
  store.forget();
  leases.renew_now();  // b finished: its key is no longer renewed, so its lease runs out
  EXPECT_THAT(store.calls(), ElementsAre(ElementsAre("POST /orders a")));
}

TEST(IdempotencyLeasesTest, AKeyHeldTwiceStaysRenewedUntilBothLetGo) {
  RenewalLog store;
  IdempotencyLeases leases(store, 1h);
  std::optional<IdempotencyLeases::Held> first(std::in_place, leases, "POST /orders k");
  {
    const IdempotencyLeases::Held takeover(leases, "POST /orders k");
    leases.renew_now();
    EXPECT_THAT(store.calls(), ElementsAre(ElementsAre("POST /orders k")));
  }
  store.forget();
  leases.renew_now();
  EXPECT_THAT(store.calls(), ElementsAre(ElementsAre("POST /orders k")));
  first.reset();
  store.forget();
  leases.renew_now();
  EXPECT_THAT(store.calls(), IsEmpty());
}

TEST(IdempotencyLeasesTest, TheThreadRenewsOnItsOwnAndOutlivesAnOutage) {
  RenewalLog store;
  std::atomic<int> failures{0};
  IdempotencyLeases leases(store, 5ms, [&](const std::exception&) { ++failures; });
  const IdempotencyLeases::Held held(leases, "PATCH /books/1 k");
  ASSERT_TRUE(eventually([&] { return !store.calls().empty(); }));
  store.set_down(true);
  ASSERT_TRUE(eventually([&] { return failures.load() >= 2; }));
  store.set_down(false);
  store.forget();
  ASSERT_TRUE(eventually([&] { return !store.calls().empty(); }))
      << "renewals resume once the store is back";
  EXPECT_THAT(store.calls().front(), ElementsAre("PATCH /books/1 k"));
}

// A holder whose lease outlives one scope (an order's placement claim) holds and lets go by
// hand: the name stays renewed until its last holder lets go, and only then says so.
TEST(IdempotencyLeasesTest, AHeldNameIsLetGoByItsLastHolderOnly) {
  RenewalLog store;
  IdempotencyLeases leases(store, 1h);
  leases.hold("order-1");
  leases.hold("order-1");
  EXPECT_FALSE(leases.let_go("order-1"));
  leases.renew_now();
  EXPECT_TRUE(leases.let_go("order-1"));
  leases.renew_now();
  EXPECT_THAT(store.calls(), ElementsAre(ElementsAre("order-1")));
  EXPECT_TRUE(leases.let_go("order-1"));  // nothing held: nothing to keep
}

}  // namespace
}  // namespace ld
