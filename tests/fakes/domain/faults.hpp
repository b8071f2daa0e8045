// Failures a test injects into the in-memory stores, one operation at a time, as each repository
// interface documents them: a store that is down (nothing happened), a timeout (the caller cannot
// tell; the write happened or not, as the test says), a conflict (a 409 without a field: another
// write held or changed the record). A hook lets a test run another client's write between two
// steps of a use case, at the moment the use case calls into the store.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace ld::fakes {

enum class Fault {
  unavailable,            // refused before anything happened: StoreUnavailable
  timed_out,              // no answer, and nothing happened: StoreUnavailable (or the
                          // interface's own outcome-unknown error)
  timed_out_after_write,  // no answer, but the write happened
  conflict,               // a 409 naming no field, before anything happened
};

class Faults {
 public:
  // The `nth` next call of `operation` (the interface method's name; 1 = the very next) fails.
  void fail(const std::string& operation, Fault fault, int nth = 1);
  // Every call of `operation` fails from now on, until clear().
  void fail_always(const std::string& operation, Fault fault);
  // Runs `hook` when `operation` is next called, before the fake does anything.
  void before_next(const std::string& operation, std::function<void()> hook);
  void clear();

  // How often `operation` was called.
  int calls(const std::string& operation) const;

  // For the fakes: counts the call, runs its hook and says how it must fail, if it must.
  std::optional<Fault> on_call(const std::string& operation);

 private:
  struct Planned {
    int at_call;  // the call number that fails
    Fault fault;
  };
  mutable std::mutex mutex_;
  std::map<std::string, int> calls_;
  std::map<std::string, std::vector<Planned>> planned_;
  std::map<std::string, Fault> always_;
  std::map<std::string, std::vector<std::function<void()>>> hooks_;
};

}  // namespace ld::fakes
