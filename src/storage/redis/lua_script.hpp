// A server-side Lua script, run by its SHA1 (EVALSHA) and sent in full only when Redis does not
// know it yet (after a restart or SCRIPT FLUSH). Keys and arguments travel argv-style.
#pragma once

#include <string>

#include "storage/redis/redis_connection.hpp"

namespace ld::redis {

class LuaScript {
 public:
  explicit LuaScript(std::string source);

  // Every key the script touches must be in `keys` (Redis Cluster routes by them).
  Reply run(RedisConnection& connection, const Argv& keys, const Argv& args) const;

 private:
  std::string source_;
  std::string sha1_;  // lowercase hex
};

}  // namespace ld::redis
