// Where the tests find the local stores (scripts/stores.sh) and the built binaries. Every value
// can be overridden from the environment, so the same tests run against other servers too.
#pragma once

#include <string>

namespace ld::test {

std::string env_or(const char* name, const std::string& fallback);

// postgresql://livros@127.0.0.1:15432/livros_test, or LD_TEST_PG_URL
std::string pg_url();
// mongodb://127.0.0.1:17017, or LD_TEST_MONGO_URL; database livros_test, or LD_TEST_MONGO_DB
std::string mongo_url();
std::string mongo_db();
// redis://127.0.0.1:16379/1, or LD_TEST_REDIS_URL (database 1 keeps tests away from the demo's 0)
std::string redis_url();

// Paths of the built s2 and s1 binaries and of the source tree.
std::string binary_path(const std::string& name);
std::string source_path(const std::string& relative);

}  // namespace ld::test
