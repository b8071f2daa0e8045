#include "storage/redis/order_inspection.hpp"

#include <vector>

#include "storage/redis/order_keys.hpp"
#include "storage/redis/order_record.hpp"

namespace ld::redis {

namespace {

constexpr OrderStatus kStatuses[] = {OrderStatus::created, OrderStatus::paid, OrderStatus::shipped,
                                     OrderStatus::delivered, OrderStatus::cancelled};

long long integer_of(const Reply& reply, const char* what) {
  if (reply->type == REDIS_REPLY_ERROR) throw_reply_error(reply.get(), what);
  return reply->type == REDIS_REPLY_INTEGER ? reply->integer : 0;
}

// Every index the order could be in: the global one, its customer's, and the per-status ones
// for every status (not only its current one), so an entry left behind would show too.
std::vector<std::string> candidate_indexes(const Order& order) {
  std::vector<std::string> out = {keys::all_orders(), keys::customer_orders(order.customer_id)};
  for (const auto status : kStatuses) out.push_back(keys::status_orders(status));
  for (const auto status : kStatuses) {
    out.push_back(keys::customer_status_orders(order.customer_id, status));
  }
  return out;
}

// The idempotency record of the keyed POST /orders that created `id`, if it is still kept. The
// record's key holds the client's Idempotency-Key, which the order does not, so the records of
// POST /orders are scanned for the one that promised or answered this id: an inspection, not a
// hot path.
nlohmann::ordered_json idempotency_record(RedisConnection& c, const std::string& id) {
  const std::string pattern = keys::idempotency("POST /orders *");
  std::string cursor = "0";
  do {
    const auto page = c.command({"SCAN", cursor, "MATCH", pattern, "COUNT", "1000"});
    if (page->type == REDIS_REPLY_ERROR) throw_reply_error(page.get(), "inspect scan");
    if (page->type != REDIS_REPLY_ARRAY || page->elements != 2) break;
    cursor = reply_text(page->element[0]);
    const redisReply* found = page->element[1];
    for (std::size_t i = 0; i < found->elements; ++i) {
      const std::string key = reply_text(found->element[i]);
      // A running record names the id it promised; a completed one, the Location it answered.
      const auto names = c.command({"HMGET", key, "promised_id", "location"});
      if (names->type != REDIS_REPLY_ARRAY || names->elements != 2) continue;
      if (reply_text(names->element[0]) != id && reply_text(names->element[1]) != "/orders/" + id) {
        continue;
      }
      const auto fields = c.command({"HGETALL", key});
      if (fields->type == REDIS_REPLY_ERROR) throw_reply_error(fields.get(), "inspect record");
      nlohmann::ordered_json record_fields = nlohmann::ordered_json::object();
      for (std::size_t f = 0; f + 1 < fields->elements; f += 2) {
        record_fields[reply_text(fields->element[f])] = reply_text(fields->element[f + 1]);
      }
      return {{"key", key},
              {"type", "hash"},
              {"ttl_ms", integer_of(c.command({"PTTL", key}), "inspect ttl")},
              {"fields", std::move(record_fields)}};
    }
  } while (cursor != "0");
  return nullptr;
}

}  // namespace

OrderInspection::OrderInspection(const RedisSettings& settings, Metrics& metrics)
    : db_(parse_url(settings.url).db),
      pool_(parse_url(settings.url), 1, settings.timeout, metrics) {}

std::optional<nlohmann::ordered_json> OrderInspection::order(const std::string& id) {
  return pool_.run(
      "orders.inspect", [&](RedisConnection& c) -> std::optional<nlohmann::ordered_json> {
        const std::string key = keys::order(id);
        const auto stored = c.command({"GET", key});
        if (stored->type == REDIS_REPLY_ERROR) throw_reply_error(stored.get(), "inspect order");
        if (stored->type == REDIS_REPLY_NIL) return std::nullopt;
        const std::string value = reply_text(stored.get());
        const Order order = decode_order(value);
        const std::string member = keys::index_member(order.created_at, id);

        nlohmann::ordered_json indexes = nlohmann::ordered_json::array();
        for (const auto& index : candidate_indexes(order)) {
          const auto score = c.command({"ZSCORE", index, member});
          if (score->type == REDIS_REPLY_ERROR) throw_reply_error(score.get(), "inspect index");
          if (score->type == REDIS_REPLY_NIL) continue;
          indexes.push_back({{"key", index},
                             {"type", "zset"},
                             {"member", member},
                             {"score", reply_text(score.get())},
                             {"ttl_ms", integer_of(c.command({"PTTL", index}), "inspect ttl")},
                             {"size", integer_of(c.command({"ZCARD", index}), "inspect size")}});
        }
        const auto restock = c.command({"ZSCORE", keys::restocks_due(), id});
        const auto voided = c.command({"EXISTS", keys::void_order(id)});
        return nlohmann::ordered_json{
            {"database", "redis"},
            {"db", db_},
            {"order",
             {{"key", key},
              {"type", "string"},
              {"ttl_ms", integer_of(c.command({"PTTL", key}), "inspect ttl")},
              {"value", value}}},
            {"indexes", std::move(indexes)},
            {"restock_due", restock->type == REDIS_REPLY_NIL
                                ? nlohmann::ordered_json(nullptr)
                                : nlohmann::ordered_json{{"key", keys::restocks_due()},
                                                         {"score", reply_text(restock.get())}}},
            {"void_marker", integer_of(voided, "inspect void") == 1
                                ? nlohmann::ordered_json(keys::void_order(id))
                                : nlohmann::ordered_json(nullptr)},
            {"idempotency", idempotency_record(c, id)}};
      });
}

}  // namespace ld::redis
