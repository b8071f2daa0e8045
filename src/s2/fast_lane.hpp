// What the fast lanes share (order_fast_lane.hpp, customer_fast_lane.hpp): a GET answered on the
// I/O thread from one store read, through the same first and last steps of the pipeline as the
// worker path (App::begin, App::finish), so its status, body and headers are the workers'.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "core/metrics.hpp"
#include "core/store_call.hpp"
#include "http/server.hpp"
#include "s2/app.hpp"

namespace ld::s2::fast_lane {

using Clock = std::chrono::steady_clock;

// The answer `build` makes from the store's reply, or a 500 (and the reason in the log) when it
// throws.
http::Response built(const http::Request& request, const std::function<http::Response()>& build);

// A 500; `why` goes to the log only.
http::Response internal_error(const http::Request& request, const std::string& why);

// The 503 naming `store`; the driver's words `why` go to the log only.
http::Response store_failed(const http::Request& request, Store store, const std::string& operation,
                            const std::string& why);

// Records the read of `operation` begun at `started` and sends `response` through App::finish,
// with the store's time in Server-Timing.
void send(const App& app, Metrics& metrics, Store store, const char* operation, bool failed,
          Clock::time_point started, const http::Request& request, http::Response response,
          const http::Respond& respond);

}  // namespace ld::s2::fast_lane
