// Reads and writes of orders. Writing an order is one script, so the order, its index entries
// and its idempotency record appear together or not at all. Listing is two round trips (the page's
// members, then the orders with MGET) so that every key a command touches is named in it, as Redis
// Cluster requires.
#include "storage/redis/redis_order_repository.hpp"

#include <algorithm>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
#include "domain/orders/status_moves.hpp"
#include "storage/redis/order_keys.hpp"
#include "storage/redis/order_record.hpp"
#include "storage/redis/redis_idempotency_store.hpp"

namespace ld::redis {

namespace {

// Compare-and-set of an order's status, moving its index entries in the same step, and, for a
// move that gives stock back, listing the restock as due in the same step too.
// KEYS: order, old status index, new status index, customer's old-status, customer's new-status,
// the restocks due. ARGV: expected status, the new order JSON, the order's index member, the
// time the restock became due (ms; empty when none is), the order id.
constexpr const char* kMoveStatus = R"lua(
local stored = redis.call('GET', KEYS[1])
if not stored then return 0 end
if cjson.decode(stored)['status'] ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('ZREM', KEYS[2], ARGV[3])
redis.call('ZREM', KEYS[4], ARGV[3])
redis.call('ZADD', KEYS[3], 0, ARGV[3])
redis.call('ZADD', KEYS[5], 0, ARGV[3])
if ARGV[4] ~= '' then redis.call('ZADD', KEYS[6], ARGV[4], ARGV[5]) end
return 1
)lua";

// Stores an order unless its id was voided, its customer is closed, or it is stored already.
// KEYS: the order, its void marker, the customer's closed marker, the four indexes, and
// optionally the idempotency record to complete. ARGV: the order JSON, its index member, then
// (with a record) how long to keep it (ms) and its field pairs.
constexpr const char* kInsert = R"lua(
if redis.call('EXISTS', KEYS[2]) == 1 then return 'voided' end
if redis.call('EXISTS', KEYS[3]) == 1 then return 'customer_gone' end
if redis.call('EXISTS', KEYS[1]) == 1 then return 'placed_before' end
redis.call('SET', KEYS[1], ARGV[1])
for i = 4, 7 do redis.call('ZADD', KEYS[i], 0, ARGV[2]) end
if KEYS[8] then
  redis.call('DEL', KEYS[8])
  redis.call('HSET', KEYS[8], unpack(ARGV, 4))
  redis.call('PEXPIRE', KEYS[8], ARGV[3])
end
return 'placed'
)lua";

// KEYS: the customer's order index, its closed marker. ARGV: how long the marker lasts (ms).
constexpr const char* kCloseCustomer = R"lua(
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('SET', KEYS[2], '1', 'PX', ARGV[1])
return 1
)lua";

// Past any order still in flight when a customer is deleted: a request lives seconds (every
// store call is bounded by S2_STORE_TIMEOUT_MS).
constexpr std::chrono::minutes kClosedCustomerWindow{10};

// KEYS: the order, its void marker. ARGV: how long the marker is kept (ms).
constexpr const char* kPlacedOrVoid = R"lua(
if redis.call('EXISTS', KEYS[1]) == 1 then return 1 end
redis.call('SET', KEYS[2], '1', 'PX', ARGV[1])
return 0
)lua";

std::int64_t integer_reply(const Reply& reply, const char* what) {
  if (reply->type == REDIS_REPLY_ERROR) throw_reply_error(reply.get(), what);
  if (reply->type != REDIS_REPLY_INTEGER) {
    throw Error(ErrorKind::internal, "The order store gave an unexpected answer.", {},
                std::string("redis ") + what + ": expected an integer");
  }
  return reply->integer;
}

// KEYS: the claims of the placements this S2 is running; ARGV[1]: the lease (ms). Extends each
// claim still there; one that lapsed stays gone (the sweep may have acted on it already), so a
// renewal can never bring a dead attempt's claim back. Redis's own clock keeps the lease.
constexpr const char* kRenewPlacing = R"lua(
for _, key in ipairs(KEYS) do
  redis.call('PEXPIRE', key, ARGV[1])
end
return 0
)lua";

}  // namespace

RedisOrderRepository::RedisOrderRepository(RedisPool& pool,
                                           std::chrono::milliseconds keep_records_for,
                                           std::chrono::milliseconds placing_lease)
    : pool_(pool),
      keep_records_for_(keep_records_for),
      move_status_(kMoveStatus),
      insert_(kInsert),
      placed_or_void_(kPlacedOrVoid),
      close_customer_(kCloseCustomer),
      placing_lease_(placing_lease),
      renew_placing_(kRenewPlacing),
      placings_(
          [this](const std::vector<std::string>& ids) { renew_placing(ids); },
          std::max(placing_lease / 5, std::chrono::milliseconds(100)),
          [](const std::exception& e) {
            log::event(spdlog::level::debug, "placement claims not renewed", {{"error", e.what()}});
          }) {}

void RedisOrderRepository::begin_placing(const std::string& id) {
  pool_.run("orders.begin_placing", [&](RedisConnection& c) {
    const auto reply = c.command(
        {"SET", keys::placing_order(id), "1", "PX", std::to_string(placing_lease_.count())});
    if (reply->type == REDIS_REPLY_ERROR) throw_reply_error(reply.get(), "order begin placing");
  });
  placings_.hold(id);
}

void RedisOrderRepository::end_placing(const std::string& id) {
  if (!placings_.let_go(id)) return;  // another attempt of this process still places it
  pool_.run("orders.end_placing", [&](RedisConnection& c) {
    const auto reply = c.command({"DEL", keys::placing_order(id)});
    if (reply->type == REDIS_REPLY_ERROR) throw_reply_error(reply.get(), "order end placing");
  });
}

std::set<std::string> RedisOrderRepository::placing(const std::vector<std::string>& ids) {
  std::set<std::string> running;
  if (ids.empty()) return running;
  Argv mget = {"MGET"};
  for (const auto& id : ids) mget.push_back(keys::placing_order(id));
  pool_.run("orders.placing", [&](RedisConnection& c) {
    const auto reply = c.command(mget);
    if (reply->type == REDIS_REPLY_ERROR) throw_reply_error(reply.get(), "orders placing");
    for (std::size_t i = 0; i < reply->elements && i < ids.size(); ++i) {
      if (reply->element[i]->type != REDIS_REPLY_NIL) running.insert(ids[i]);
    }
  });
  return running;
}

void RedisOrderRepository::renew_placing(const std::vector<std::string>& ids) {
  Argv claims;
  claims.reserve(ids.size());
  for (const auto& id : ids) claims.push_back(keys::placing_order(id));
  pool_.run_upkeep("orders.renew_placing", [&](RedisConnection& c) {
    const auto reply = renew_placing_.run(c, claims, {std::to_string(placing_lease_.count())});
    if (reply->type == REDIS_REPLY_ERROR) throw_reply_error(reply.get(), "orders renew placing");
  });
}

OrderRepository::Placement RedisOrderRepository::insert(const Order& order,
                                                        const IdempotencyOutcome* outcome) {
  Argv keys = {keys::order(order.id),
               keys::void_order(order.id),
               keys::closed_customer(order.customer_id),
               keys::all_orders(),
               keys::customer_orders(order.customer_id),
               keys::status_orders(order.status),
               keys::customer_status_orders(order.customer_id, order.status)};
  Argv args = {encode_order(order), keys::index_member(order.created_at, order.id)};
  if (outcome != nullptr) {
    keys.push_back(keys::idempotency(outcome->key));
    args.push_back(std::to_string(keep_records_for_.count()));
    for (auto& field : completed_record_fields(*outcome)) args.push_back(std::move(field));
  }
  bool sent = false;
  try {
    return pool_.run("orders.insert", [&](RedisConnection& c) {
      sent = true;
      const auto reply = insert_.run(c, keys, args);
      if (reply->type == REDIS_REPLY_ERROR) throw_reply_error(reply.get(), "order insert");
      const std::string placement = reply_text(reply.get());
      if (placement == "voided") return Placement::voided;
      if (placement == "placed_before") return Placement::placed_before;
      if (placement == "customer_gone") return Placement::customer_gone;
      return Placement::placed;
    });
  } catch (const StoreUnavailable& e) {
    // No connection at all: nothing reached Redis. Sent but unanswered: it may have run.
    if (!sent) throw;
    throw OrderOutcomeUnknown("redis", e.internal());
  }
}

bool RedisOrderRepository::placed_or_void(const std::string& id) {
  return pool_.run("orders.placed_or_void", [&](RedisConnection& c) {
    const auto reply = placed_or_void_.run(c, {keys::order(id), keys::void_order(id)},
                                           {std::to_string(keep_records_for_.count())});
    return integer_reply(reply, "order placed or void") == 1;
  });
}

std::optional<Order> RedisOrderRepository::find(const std::string& id) {
  return pool_.run("orders.find", [&](RedisConnection& c) -> std::optional<Order> {
    const auto reply = c.command({"GET", keys::order(id)});
    if (reply->type == REDIS_REPLY_NIL) return std::nullopt;
    if (reply->type == REDIS_REPLY_ERROR) throw_reply_error(reply.get(), "order find");
    return decode_order(std::string_view(reply->str, reply->len));
  });
}

Page<Order> RedisOrderRepository::list(const OrderFilter& filter, const PageRequest& page) {
  // Validate the cursor before touching the store: a bad one is the client's 400.
  const std::string start =
      page.after ? "(" + keys::member_of_position(*page.after) : std::string("+");
  const auto limit = page.limit < 1 ? 1 : page.limit;
  return pool_.run("orders.list", [&](RedisConnection& c) {
    // One more than asked tells whether a next page exists without counting.
    const auto members = c.command({"ZREVRANGEBYLEX", keys::index_for(filter), start, "-", "LIMIT",
                                    "0", std::to_string(limit + 1)});
    if (members->type == REDIS_REPLY_ERROR) throw_reply_error(members.get(), "order list");
    Page<Order> result;
    const std::size_t take =
        std::min<std::size_t>(members->elements, static_cast<std::size_t>(limit));
    if (take == 0) return result;
    Argv mget{"MGET"};
    for (std::size_t i = 0; i < take; ++i) {
      mget.push_back(keys::order(keys::id_of_member(reply_text(members->element[i]))));
    }
    const auto docs = c.command(mget);
    if (docs->type == REDIS_REPLY_ERROR) throw_reply_error(docs.get(), "order list");
    for (std::size_t i = 0; i < docs->elements; ++i) {
      const auto* doc = docs->element[i];
      // Orders are never deleted, so a missing one is only possible if someone edited Redis
      // by hand; the listing skips it rather than failing the whole page.
      if (doc->type != REDIS_REPLY_STRING) continue;
      result.items.push_back(decode_order(std::string_view(doc->str, doc->len)));
    }
    if (members->elements > take) {
      // The position is the last member read, even if its order was skipped above.
      result.next = keys::position_of_member(reply_text(members->element[take - 1]));
    }
    return result;
  });
}

bool RedisOrderRepository::update_status(const Order& order, OrderStatus expected) {
  const auto member = keys::index_member(order.created_at, order.id);
  return pool_.run("orders.update_status", [&](RedisConnection& c) {
    const auto reply = move_status_.run(
        c,
        {keys::order(order.id), keys::status_orders(expected), keys::status_orders(order.status),
         keys::customer_status_orders(order.customer_id, expected),
         keys::customer_status_orders(order.customer_id, order.status), keys::restocks_due()},
        {std::string(to_string(expected)), encode_order(order), member,
         gives_stock_back(order.status) ? std::to_string(clock::now_ms()) : std::string{},
         order.id});
    return integer_reply(reply, "order update status") == 1;
  });
}

std::vector<std::string> RedisOrderRepository::restocks_due_before(clock::Millis before,
                                                                   int limit) {
  return pool_.run("orders.restocks_due", [&](RedisConnection& c) {
    const auto reply =
        c.command({"ZRANGEBYSCORE", keys::restocks_due(), "-inf", "(" + std::to_string(before),
                   "LIMIT", "0", std::to_string(limit)});
    if (reply->type == REDIS_REPLY_ERROR) throw_reply_error(reply.get(), "order restocks due");
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < reply->elements; ++i) ids.push_back(reply_text(reply->element[i]));
    return ids;
  });
}

bool RedisOrderRepository::restock_due(const std::string& order_id) {
  return pool_.run("orders.restock_due", [&](RedisConnection& c) {
    const auto reply = c.command({"ZSCORE", keys::restocks_due(), order_id});
    if (reply->type == REDIS_REPLY_ERROR) throw_reply_error(reply.get(), "order restock due");
    return reply->type != REDIS_REPLY_NIL;
  });
}

void RedisOrderRepository::restock_done(const std::string& order_id) {
  pool_.run("orders.restock_done", [&](RedisConnection& c) {
    integer_reply(c.command({"ZREM", keys::restocks_due(), order_id}), "order restock done");
  });
}

bool RedisOrderRepository::close_customer(std::int64_t customer_id) {
  return pool_.run("orders.close_customer", [&](RedisConnection& c) {
    const auto reply = close_customer_.run(
        c, {keys::customer_orders(customer_id), keys::closed_customer(customer_id)},
        {std::to_string(
            std::chrono::duration_cast<std::chrono::milliseconds>(kClosedCustomerWindow).count())});
    return integer_reply(reply, "order close customer") == 1;
  });
}

void RedisOrderRepository::reopen_customer(std::int64_t customer_id) {
  pool_.run("orders.reopen_customer", [&](RedisConnection& c) {
    const auto reply = c.command({"DEL", keys::closed_customer(customer_id)});
    if (reply->type == REDIS_REPLY_ERROR) throw_reply_error(reply.get(), "order reopen customer");
  });
}

std::int64_t RedisOrderRepository::count() {
  return pool_.run("orders.count", [&](RedisConnection& c) {
    return integer_reply(c.command({"ZCARD", keys::all_orders()}), "order count");
  });
}

}  // namespace ld::redis
