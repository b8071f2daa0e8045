// Where Redis is: redis://[[user]:password@]host[:port][/db], as in the S2_REDIS_URL setting.
#pragma once

#include <string>
#include <string_view>

namespace ld::redis {

struct Endpoint {
  std::string host = "127.0.0.1";
  int port = 6379;
  std::string username;  // Redis 6 ACL user; empty for the default user
  std::string password;  // empty: no AUTH
  int db = 0;
};

// Throws std::invalid_argument for anything that is not a redis:// URL.
Endpoint parse_url(std::string_view url);

}  // namespace ld::redis
