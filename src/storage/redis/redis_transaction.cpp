// Queued-command errors (a typo, a wrong arity) make Redis discard the whole transaction
// (EXECABORT); an error inside EXEC's results means one command failed while the others ran,
// which this code never expects, so both are reported loudly.
#include "storage/redis/redis_transaction.hpp"

#include <fmt/format.h>

#include "core/error.hpp"

namespace ld::redis {

Reply run_transaction(RedisConnection& connection, const std::vector<Argv>& commands,
                      const char* what) {
  std::vector<Argv> batch;
  batch.reserve(commands.size() + 2);
  batch.push_back({"MULTI"});
  batch.insert(batch.end(), commands.begin(), commands.end());
  batch.push_back({"EXEC"});
  auto replies = connection.pipeline(batch);
  for (std::size_t i = 0; i + 1 < replies.size(); ++i) {
    if (replies[i]->type == REDIS_REPLY_ERROR) throw_reply_error(replies[i].get(), what);
  }
  Reply exec = std::move(replies.back());
  if (exec->type == REDIS_REPLY_ERROR) throw_reply_error(exec.get(), what);
  if (exec->type != REDIS_REPLY_ARRAY) {
    throw Error(ErrorKind::internal, "The order store gave an unexpected answer.", {},
                fmt::format("redis {}: transaction aborted", what));
  }
  for (std::size_t i = 0; i < exec->elements; ++i) {
    if (exec->element[i]->type == REDIS_REPLY_ERROR) throw_reply_error(exec->element[i], what);
  }
  return exec;
}

}  // namespace ld::redis
