// How S2 reaches MongoDB. A header of its own, so configuration needs no driver.
#pragma once

#include <chrono>
#include <string>

namespace ld {

struct MongoSettings {
  std::string url;  // mongodb://host:port/?options; timeouts below are added unless it sets them
  std::string database = "livros";
  int pool_size = 8;
  std::chrono::milliseconds timeout{2000};  // server selection, connect, socket, pool wait
  // A lock document per write to a book even where the server makes updates atomic: for a
  // MongoDB-wire server S2 cannot tell apart (storage/mongo/book_writes.hpp).
  bool lock_book_writes = false;
};

}  // namespace ld
