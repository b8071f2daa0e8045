// Each thread owns one connection, as each of S2's pooled requests holds one for its call.
// Orders are built and encoded per request, as S2 does, so the baseline pays the same encoding.
#include "baseline/redis_workloads.hpp"

#include <hiredis/hiredis.h>

#include <memory>
#include <stdexcept>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "storage/redis/order_keys.hpp"
#include "storage/redis/order_record.hpp"
#include "storage/redis/redis_url.hpp"

namespace ld::bench {

namespace {

struct ContextFree {
  void operator()(redisContext* c) const noexcept { redisFree(c); }
};
struct ReplyFree {
  void operator()(redisReply* r) const noexcept { freeReplyObject(r); }
};
using Context = std::unique_ptr<redisContext, ContextFree>;
using Reply = std::unique_ptr<redisReply, ReplyFree>;
using Argv = std::vector<std::string>;

void append(redisContext* c, const Argv& argv) {
  std::vector<const char*> data;
  std::vector<std::size_t> sizes;
  for (const auto& arg : argv) {
    data.push_back(arg.data());
    sizes.push_back(arg.size());
  }
  if (redisAppendCommandArgv(c, static_cast<int>(argv.size()), data.data(), sizes.data()) !=
      REDIS_OK) {
    throw std::runtime_error(std::string("redis append: ") + c->errstr);
  }
}

Reply next_reply(redisContext* c) {
  void* raw = nullptr;
  if (redisGetReply(c, &raw) != REDIS_OK || raw == nullptr) {
    freeReplyObject(raw);
    throw std::runtime_error(std::string("redis reply: ") + c->errstr);
  }
  return Reply(static_cast<redisReply*>(raw));
}

std::shared_ptr<redisContext> connect(const std::string& url) {
  const auto endpoint = redis::parse_url(url);
  Context c(redisConnect(endpoint.host.c_str(), endpoint.port));
  if (!c || c->err != 0) {
    throw std::runtime_error("cannot connect to Redis at " + url +
                             (c ? std::string(": ") + c->errstr : std::string()));
  }
  if (endpoint.db != 0) {
    append(c.get(), {"SELECT", std::to_string(endpoint.db)});
    if (next_reply(c.get())->type == REDIS_REPLY_ERROR) throw std::runtime_error("SELECT refused");
  }
  // Operations are std::function, which must be copyable: the context is shared by one thread.
  return std::shared_ptr<redisContext>(c.release(), ContextFree{});
}

// Titles of the length the seeded books have, so the stored JSON is of the same size.
Order sample_order(std::int64_t customer_id, const std::string& book_a, const std::string& book_b) {
  Order order;
  order.id = ids::new_uuid_v7();
  order.customer_id = customer_id;
  order.currency = "BRL";
  order.items = {{book_a, "Memorias da Cidade de Sao Paulo, volume 12", 3990, 1, 3990},
                 {book_b, "Cronicas do Rio Grande e do Mar, volume 7", 5490, 1, 5490}};
  order.total_cents = 3990 + 5490;
  order.status = OrderStatus::created;
  order.created_at = clock::now_ms();
  order.updated_at = order.created_at;
  return order;
}

}  // namespace

OperationFactory redis_order_insert(const std::string& url, const Seed& seed) {
  require(seed.customer_ids, "customers");
  require(seed.book_ids, "books");
  return [url, &seed](std::size_t thread_index) -> Operation {
    auto context = connect(url);
    auto pick = std::make_shared<RandomPick>(thread_index);
    return [context, pick, &seed] {
      const auto books = pick->two_of(seed.book_ids);
      const auto order =
          sample_order(std::stoll(pick->one_of(seed.customer_ids)), *books.first, *books.second);
      const auto member = redis::keys::index_member(order.created_at, order.id);
      const std::vector<Argv> commands = {
          {"MULTI"},
          {"SET", redis::keys::order(order.id), redis::encode_order(order)},
          {"ZADD", redis::keys::all_orders(), "0", member},
          {"ZADD", redis::keys::customer_orders(order.customer_id), "0", member},
          {"ZADD", redis::keys::status_orders(order.status), "0", member},
          {"ZADD", redis::keys::customer_status_orders(order.customer_id, order.status), "0",
           member},
          {"EXEC"}};
      for (const auto& command : commands) append(context.get(), command);
      bool ok = true;
      for (std::size_t i = 0; i < commands.size(); ++i) {
        const auto reply = next_reply(context.get());
        ok = ok && reply->type != REDIS_REPLY_ERROR;
        if (i + 1 == commands.size()) ok = ok && reply->type == REDIS_REPLY_ARRAY;
      }
      return ok;
    };
  };
}

OperationFactory redis_order_find(const std::string& url, const Seed& seed) {
  require(seed.order_ids, "orders");
  return [url, &seed](std::size_t thread_index) -> Operation {
    auto context = connect(url);
    auto pick = std::make_shared<RandomPick>(thread_index);
    return [context, pick, &seed] {
      append(context.get(), {"GET", redis::keys::order(pick->one_of(seed.order_ids))});
      return next_reply(context.get())->type == REDIS_REPLY_STRING;
    };
  };
}

}  // namespace ld::bench
