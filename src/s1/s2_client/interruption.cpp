#include "s1/s2_client/interruption.hpp"

#include <csignal>
#include <thread>

namespace ld::s1 {

namespace {

// The one piece of process-wide state: a signal handler can touch nothing else safely.
volatile std::sig_atomic_t g_interrupted = 0;

extern "C" void on_interrupt(int signal) {
  if (g_interrupted) {
    std::signal(signal, SIG_DFL);
    std::raise(signal);
    return;
  }
  g_interrupted = 1;
}

}  // namespace

void install_interrupt_handler() {
  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
}

bool interrupted() {
  return g_interrupted != 0;
}

bool sleep_unless_interrupted(std::chrono::milliseconds duration) {
  constexpr auto kSlice = std::chrono::milliseconds(50);
  const auto until = std::chrono::steady_clock::now() + duration;
  while (!interrupted()) {
    const auto left = until - std::chrono::steady_clock::now();
    if (left <= std::chrono::steady_clock::duration::zero()) return true;
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(left, kSlice));
  }
  return false;
}

}  // namespace ld::s1
