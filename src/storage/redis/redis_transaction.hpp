// MULTI ... EXEC in one round trip: the commands are applied all together or not at all.
#pragma once

#include <vector>

#include "storage/redis/redis_connection.hpp"

namespace ld::redis {

// Runs `commands` between MULTI and EXEC and returns EXEC's reply (one element per command).
// Throws if Redis refused to queue a command or aborted the transaction; `what` names the call.
Reply run_transaction(RedisConnection& connection, const std::vector<Argv>& commands,
                      const char* what);

}  // namespace ld::redis
