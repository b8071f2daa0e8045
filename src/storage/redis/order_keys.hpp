// The Redis key layout for orders and idempotency records.
//
//   {ld}:order:<id>                              the order, one JSON string, amounts in cents
//   {ld}:orders                                  index of every order
//   {ld}:orders:customer:<customer_id>           index of one customer's orders
//   {ld}:orders:status:<status>                  index of the orders in one status
//   {ld}:orders:customer:<customer_id>:<status>  both filters at once
//   {ld}:idempotency:<scoped key>                a hash: state, fingerprint, stored response
//   {ld}:order-void:<id>                         an order id that can never be stored (set by
//                                                the stock-hold sweeper, kept for a day)
//   {ld}:order-placing:<id>                      an order id an attempt is placing now: a lease
//                                                the attempt's S2 renews (S2_PLACEMENT_LEASE_MS)
//   {ld}:restocks-due                            cancelled orders whose stock is not yet all back,
//                                                scored by when (ms)
//   {ld}:customer-closed:<customer_id>           a customer being deleted: no order for it is
//                                                stored (kept 10 minutes, past any order in flight)
//
// Indexes are sorted sets whose members all score 0 and read "<created_at ms, 15 digits>:<id>",
// so lexicographic order is newest-first order once reversed (ZREVRANGEBYLEX), ties broken by
// id, and a page cursor is simply the last member seen: it stays valid whatever is added later.
//
// Redis Cluster: every key carries the same hash tag "{ld}", so each MULTI/EXEC and each script
// (an order with all its index entries, plus the idempotency record) stays within one slot and
// runs unchanged on a cluster; moving there is a matter of pointing S2 at it. The price is that
// all orders live on one shard; spreading them would mean one tag per customer and merging the
// global listings, which these functions keep in one place.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "domain/orders/order.hpp"

namespace ld::redis::keys {

std::string order(const std::string& id);
std::string all_orders();
std::string customer_orders(std::int64_t customer_id);
std::string status_orders(OrderStatus status);
std::string customer_status_orders(std::int64_t customer_id, OrderStatus status);
std::string idempotency(const std::string& scoped_key);
std::string void_order(const std::string& id);
std::string placing_order(const std::string& id);
std::string closed_customer(std::int64_t customer_id);
std::string restocks_due();

// The index that answers a filter (customer, status, both or none).
std::string index_for(const OrderFilter& filter);

// "<created_at>:<id>", the member an order has in every index.
std::string index_member(clock::Millis created_at, const std::string& id);
// The order id inside a member.
std::string id_of_member(const std::string& member);

// Page positions, as kept inside opaque cursors: {"created_at": ms, "id": "<uuid>"}.
nlohmann::json position_of_member(const std::string& member);
// Reads a position back into an index member; throws a 400 Error on "cursor" when malformed.
std::string member_of_position(const nlohmann::json& position);

}  // namespace ld::redis::keys
