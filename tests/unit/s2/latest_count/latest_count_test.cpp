// LatestCount: a read waits for a count started after it asked, up to its deadline; past that,
// or when the store's pool is full, it gets the latest count taken; a store that is down is a
// 503 naming it; one count runs at a time however many ask.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "core/store_busy.hpp"
#include "s2/latest_count.hpp"

namespace ld::s2 {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// A store whose counts the test answers: each count waits until the test lets it finish (unless
// the store answers at once), then returns the value, or throws, as set.
class ScriptedStore {
 public:
  std::int64_t count() {
    std::unique_lock lock(mutex_);
    ++started_;
    changed_.notify_all();
    changed_.wait(lock, [&] { return at_once_ || released_ > 0; });
    if (!at_once_) --released_;
    if (fail_down_) throw StoreUnavailable("redis", "connection refused");
    if (fail_busy_) throw StoreBusy("redis");
    return value_;
  }
  void answer_at_once(std::int64_t value) {
    std::lock_guard lock(mutex_);
    at_once_ = true;
    value_ = value;
    changed_.notify_all();
  }
  void hold_answers() {
    std::lock_guard lock(mutex_);
    at_once_ = false;
  }
  void release_one(std::int64_t value) {
    std::lock_guard lock(mutex_);
    value_ = value;
    ++released_;
    changed_.notify_all();
  }
  void set_down(bool down) {
    std::lock_guard lock(mutex_);
    fail_down_ = down;
  }
  void set_busy(bool busy) {
    std::lock_guard lock(mutex_);
    fail_busy_ = busy;
  }
  // Waits (up to 5 s) until `n` counts have started.
  bool started(int n) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, 5s, [&] { return started_ >= n; });
  }
  int started_count() {
    std::lock_guard lock(mutex_);
    return started_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  bool at_once_ = true;
  int released_ = 0;
  int started_ = 0;
  std::int64_t value_ = 0;
  bool fail_down_ = false;
  bool fail_busy_ = false;
};

LatestCount::Reading read(LatestCount& count, std::chrono::milliseconds wait) {
  const auto ask = count.ask();
  const auto deadline = Clock::now() + wait;
  return count.read(ask, deadline, Clock::now() + 5s);
}

TEST(LatestCount, TheFirstReadWaitsForTheCount) {
  ScriptedStore store;
  store.answer_at_once(7);
  LatestCount count("redis", [&] { return store.count(); });
  const auto r = read(count, 1s);
  EXPECT_EQ(r.value, 7);
  EXPECT_FALSE(r.earlier);
}

TEST(LatestCount, ACountSlowerThanTheWaitGivesTheLatestThenTheNewOne) {
  ScriptedStore store;
  store.answer_at_once(7);
  LatestCount count("redis", [&] { return store.count(); });
  ASSERT_EQ(read(count, 1s).value, 7);
  store.hold_answers();
  const auto started = Clock::now();
  const auto slow = read(count, 20ms);
  EXPECT_EQ(slow.value, 7);
  EXPECT_TRUE(slow.earlier);
  EXPECT_LT(Clock::now() - started, 2s);  // it did not wait for the count
  store.release_one(9);                   // the count in flight finishes
  store.answer_at_once(11);
  const auto fresh = read(count, 5s);  // a count started after this ask
  EXPECT_EQ(fresh.value, 11);
  EXPECT_FALSE(fresh.earlier);
}

TEST(LatestCount, AStoreThatIsDownIsUnavailableEvenWithALatestCount) {
  ScriptedStore store;
  store.answer_at_once(7);
  LatestCount count("redis", [&] { return store.count(); });
  ASSERT_EQ(read(count, 1s).value, 7);
  store.set_down(true);
  try {
    read(count, 5s);
    ADD_FAILURE() << "a store that is down gave a count";
  } catch (const StoreUnavailable& e) {
    EXPECT_EQ(e.store(), "redis");
  }
  store.set_down(false);
  EXPECT_EQ(read(count, 5s).value, 7);
}

TEST(LatestCount, AStoreWithAFullPoolGivesTheLatestCountOrBusyWithoutOne) {
  ScriptedStore store;
  store.answer_at_once(0);
  store.set_busy(true);
  LatestCount count("redis", [&] { return store.count(); });
  EXPECT_THROW(read(count, 5s), StoreBusy);  // no count taken yet: the 503 stands
  store.set_busy(false);
  store.answer_at_once(5);
  ASSERT_EQ(read(count, 5s).value, 5);
  store.set_busy(true);
  const auto r = read(count, 5s);
  EXPECT_EQ(r.value, 5);
  EXPECT_TRUE(r.earlier);
}

TEST(LatestCount, OneCountAtATimeHoweverManyAsk) {
  ScriptedStore store;
  store.answer_at_once(1);
  LatestCount count("redis", [&] { return store.count(); });
  ASSERT_EQ(read(count, 1s).value, 1);
  store.hold_answers();
  const int before = store.started_count();
  std::vector<std::thread> readers;
  std::atomic<int> earlier{0};
  for (int i = 0; i < 8; ++i) {
    readers.emplace_back([&] {
      if (read(count, 10ms).earlier) ++earlier;
    });
  }
  for (auto& t : readers) t.join();
  EXPECT_EQ(earlier.load(), 8);
  ASSERT_TRUE(store.started(before + 1));
  EXPECT_EQ(store.started_count(), before + 1);  // the eight asks share the one count in flight
  store.answer_at_once(3);                       // the count in flight, and any after it, finish
  EXPECT_EQ(read(count, 5s).value, 3);
}

TEST(LatestCount, StopsWithACountInFlight) {
  ScriptedStore store;
  store.hold_answers();
  std::thread finisher;
  {
    LatestCount count("redis", [&] { return store.count(); });
    count.ask();
    ASSERT_TRUE(store.started(1));
    // The destructor waits for the count in flight (a store call is bounded by its timeout).
    finisher = std::thread([&] { store.release_one(4); });
  }
  finisher.join();
}

}  // namespace
}  // namespace ld::s2
