// Ctrl-C during a run: stop handing out new requests, let the ones in flight finish (so their
// answers reach the log), then print the summary. A second Ctrl-C ends S1 at once. It lives with
// the S2 client because the waits between a request's attempts are where Ctrl-C must cut in.
#pragma once

#include <chrono>

namespace ld::s1 {

void install_interrupt_handler();
bool interrupted();

// Sleeps for `duration`, waking early when interrupted; false when interrupted.
bool sleep_unless_interrupted(std::chrono::milliseconds duration);

}  // namespace ld::s1
