#include "s1/report/progress.hpp"

#include <unistd.h>

#include <fmt/format.h>

namespace ld::s1 {

namespace {

constexpr int kBarWidth = 30;
// A terminal can take frequent redraws; a log file gets a line every few seconds.
constexpr auto kTerminalInterval = std::chrono::milliseconds(100);
constexpr auto kLineInterval = std::chrono::seconds(2);

}  // namespace

bool stderr_is_terminal() {
  return ::isatty(STDERR_FILENO) == 1;
}

PhaseProgress::PhaseProgress(std::ostream& out, std::string phase, std::size_t total, bool terminal)
    : out_(out), phase_(std::move(phase)), total_(total), terminal_(terminal) {
  std::lock_guard lock(mutex_);
  if (terminal_) {
    draw(false);
  } else {
    out_ << fmt::format("{}: {} to send\n", phase_, total_) << std::flush;
  }
}

PhaseProgress::~PhaseProgress() {
  finish();
}

void PhaseProgress::advance(bool ok) {
  std::lock_guard lock(mutex_);
  ++done_;
  if (!ok) ++failed_;
  const auto now = Clock::now();
  const auto interval = terminal_ ? std::chrono::duration_cast<Clock::duration>(kTerminalInterval)
                                  : std::chrono::duration_cast<Clock::duration>(kLineInterval);
  if (done_ < total_ && now - last_draw_ >= interval) draw(false);
}

void PhaseProgress::finish() {
  std::lock_guard lock(mutex_);
  if (finished_) return;
  finished_ = true;
  draw(true);
}

void PhaseProgress::draw(bool final_line) {
  last_draw_ = Clock::now();
  const double seconds = std::chrono::duration<double>(last_draw_ - started_).count();
  const double rate = seconds > 0 ? static_cast<double>(done_) / seconds : 0;
  const double share = total_ == 0 ? 1.0 : static_cast<double>(done_) / static_cast<double>(total_);
  const std::string failures = failed_ ? fmt::format(", {} not as expected", failed_) : "";
  if (terminal_) {
    const int filled = static_cast<int>(share * kBarWidth);
    out_ << fmt::format("\r{:<10} [{}{}] {}/{} {:3.0f}% {:6.1f}/s{}\x1b[K", phase_,
                        std::string(static_cast<std::size_t>(filled), '#'),
                        std::string(static_cast<std::size_t>(kBarWidth - filled), '.'), done_,
                        total_, share * 100, rate, failures);
    if (final_line) out_ << '\n';
  } else {
    out_ << fmt::format("{}: {}/{} done ({:.0f}%), {:.1f}/s{}{}\n", phase_, done_, total_,
                        share * 100, rate, failures,
                        final_line ? fmt::format(", {:.1f} s", seconds) : "");
  }
  out_ << std::flush;
}

}  // namespace ld::s1
