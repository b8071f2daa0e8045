#include "s2/fast_lane.hpp"

#include <exception>

#include "core/error.hpp"
#include "core/log.hpp"
#include "http/problem.hpp"

namespace ld::s2::fast_lane {

http::Response built(const http::Request& request, const std::function<http::Response()>& build) {
  try {
    return build();
  } catch (const std::exception& e) {
    return internal_error(request, e.what());
  }
}

http::Response internal_error(const http::Request& request, const std::string& why) {
  log::event(spdlog::level::err, "unhandled error", {{"rid", request.request_id}, {"error", why}});
  return http::problem(500, "The server failed to handle the request.");
}

http::Response store_failed(const http::Request& request, Store store, const std::string& operation,
                            const std::string& why) {
  // The client hears which store failed; the driver's words stay in the log.
  log::event(spdlog::level::warn, "store failure",
             {{"rid", request.request_id},
              {"error", std::string(store_name(store)) + " " + operation + ": " + why}});
  return http::problem(StoreUnavailable(store_name(store), why));
}

void send(const App& app, Metrics& metrics, Store store, const char* operation, bool failed,
          Clock::time_point started, const http::Request& request, http::Response response,
          const http::Respond& respond) {
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  record_store_call(metrics, store, operation, seconds, failed);
  StoreTimes times;
  const auto index = static_cast<std::size_t>(store);
  times.ms[index] = seconds * 1000.0;
  times.touched[index] = true;
  respond(app.finish(request, std::move(response), seconds, times));
}

}  // namespace ld::s2::fast_lane
