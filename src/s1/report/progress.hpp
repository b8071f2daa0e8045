// Progress of one phase: a redrawn bar on a terminal, plain periodic lines otherwise (a CI log
// or a file must not fill with carriage returns). Thread-safe: workers call advance().
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <ostream>
#include <string>

namespace ld::s1 {

class PhaseProgress {
 public:
  using Clock = std::chrono::steady_clock;

  PhaseProgress(std::ostream& out, std::string phase, std::size_t total, bool terminal);
  ~PhaseProgress();
  PhaseProgress(const PhaseProgress&) = delete;
  PhaseProgress& operator=(const PhaseProgress&) = delete;

  // One item finished; `ok` false when it did not end the way it should have.
  void advance(bool ok);
  // Draws the final state once (also done by the destructor).
  void finish();

 private:
  void draw(bool final_line);

  std::ostream& out_;
  std::string phase_;
  std::size_t total_;
  bool terminal_;
  std::mutex mutex_;
  std::size_t done_ = 0;
  std::size_t failed_ = 0;
  Clock::time_point started_ = Clock::now();
  Clock::time_point last_draw_{};
  bool finished_ = false;
};

// True when stderr is a terminal.
bool stderr_is_terminal();

}  // namespace ld::s1
