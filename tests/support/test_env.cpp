#include "support/test_env.hpp"

#include <cstdlib>

namespace ld::test {

std::string env_or(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value && *value ? value : fallback;
}

std::string pg_url() {
  return env_or("LD_TEST_PG_URL", "postgresql://livros@127.0.0.1:15432/livros_test");
}
std::string mongo_url() {
  return env_or("LD_TEST_MONGO_URL", "mongodb://127.0.0.1:17017");
}
std::string mongo_db() {
  return env_or("LD_TEST_MONGO_DB", "livros_test");
}
std::string redis_url() {
  return env_or("LD_TEST_REDIS_URL", "redis://127.0.0.1:16379/1");
}

std::string binary_path(const std::string& name) {
  return std::string(LD_BINARY_DIR) + "/src/" + name;
}
std::string source_path(const std::string& relative) {
  return std::string(LD_SOURCE_DIR) + "/" + relative;
}

}  // namespace ld::test
