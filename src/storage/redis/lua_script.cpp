// EVALSHA with a fallback to EVAL on NOSCRIPT: after the first run the script's text is not
// sent again on this Redis.
#include "storage/redis/lua_script.hpp"

#include <openssl/sha.h>

#include <string_view>

#include <fmt/format.h>

namespace ld::redis {

LuaScript::LuaScript(std::string source) : source_(std::move(source)) {
  unsigned char digest[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(source_.data()), source_.size(), digest);
  for (unsigned char byte : digest) sha1_ += fmt::format("{:02x}", byte);
}

Reply LuaScript::run(RedisConnection& connection, const Argv& keys, const Argv& args) const {
  auto argv_for = [&](const std::string& verb, const std::string& script) {
    Argv argv{verb, script, std::to_string(keys.size())};
    argv.insert(argv.end(), keys.begin(), keys.end());
    argv.insert(argv.end(), args.begin(), args.end());
    return argv;
  };
  auto reply = connection.command(argv_for("EVALSHA", sha1_));
  if (reply->type == REDIS_REPLY_ERROR &&
      std::string_view(reply->str, reply->len).substr(0, 8) == "NOSCRIPT") {
    reply = connection.command(argv_for("EVAL", source_));
  }
  return reply;
}

}  // namespace ld::redis
