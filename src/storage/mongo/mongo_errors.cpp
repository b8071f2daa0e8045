#include "storage/mongo/mongo_errors.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include <fmt/format.h>
#include <mongoc/mongoc.h>

#include "core/error.hpp"

namespace ld::mongo {

namespace {

// Server answers that mean "not now" rather than "never": the node is shutting down, stepping
// down or timed out. Retrying later, against the same or a new primary, can succeed.
constexpr std::array<std::uint32_t, 14> kTransientServerCodes = {
    6,      // HostUnreachable
    7,      // HostNotFound
    50,     // MaxTimeMSExpired
    89,     // NetworkTimeout
    91,     // ShutdownInProgress
    189,    // PrimarySteppedDown
    262,    // ExceededTimeLimit
    9001,   // SocketException
    10107,  // NotWritablePrimary
    11600,  // InterruptedAtShutdown
    11602,  // InterruptedDueToReplStateChange
    13435,  // NotPrimaryNoSecondaryOk
    13436,  // NotPrimaryOrSecondary
    64,     // WriteConcernFailed (wtimeout)
};

}  // namespace

bool is_duplicate_key(const bson_error_t& error) {
  return error.code == 11000 || error.code == 11001 || error.code == 12582;
}

bool is_stale_write(const bson_error_t& error) {
  // The guard's own words (scripts/sql/ferretdb_revision_guard.sql), which FerretDB passes on
  // inside its error message; no MongoDB error carries them.
  return std::strstr(error.message, "revision guard: stale write") != nullptr;
}

bool is_unavailable(const bson_error_t& error) {
  switch (error.domain) {
    case MONGOC_ERROR_STREAM:
    case MONGOC_ERROR_SERVER_SELECTION:
    case MONGOC_ERROR_PROTOCOL:
    case MONGOC_ERROR_CLIENT:  // includes failed authentication: the store is unusable as set up
      return true;
    case MONGOC_ERROR_SERVER:
    case MONGOC_ERROR_WRITE_CONCERN:
    case MONGOC_ERROR_QUERY:
      return std::find(kTransientServerCodes.begin(), kTransientServerCodes.end(), error.code) !=
             kTransientServerCodes.end();
    default:
      return false;
  }
}

namespace {
thread_local std::uint64_t cut_off = 0;
}  // namespace

std::uint64_t operations_cut_off() {
  return cut_off;
}

void throw_driver_error(const bson_error_t& error, const char* operation) {
  const auto internal = fmt::format("mongodb {}: {} (domain {}, code {})", operation, error.message,
                                    error.domain, error.code);
  if (is_stale_write(error)) throw StaleWrite(internal);  // refused, so nothing is left running
  if (is_unavailable(error)) {
    ++cut_off;
    throw StoreUnavailable("mongodb", internal);
  }
  throw Error(ErrorKind::internal, "The book store could not complete the operation.", {},
              internal);
}

}  // namespace ld::mongo
