// Key and index-member spelling (see order_keys.hpp for the layout and why).
#include "storage/redis/order_keys.hpp"

#include <charconv>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/ids.hpp"

namespace ld::redis::keys {

namespace {
constexpr const char* kTag = "{ld}";
// 15 digits hold any millisecond time up to the year 33658, so the width never changes.
constexpr clock::Millis kMaxMillis = 999'999'999'999'999;
}  // namespace

std::string order(const std::string& id) {
  return fmt::format("{}:order:{}", kTag, id);
}
std::string all_orders() {
  return fmt::format("{}:orders", kTag);
}
std::string customer_orders(std::int64_t customer_id) {
  return fmt::format("{}:orders:customer:{}", kTag, customer_id);
}
std::string status_orders(OrderStatus status) {
  return fmt::format("{}:orders:status:{}", kTag, to_string(status));
}
std::string customer_status_orders(std::int64_t customer_id, OrderStatus status) {
  return fmt::format("{}:orders:customer:{}:{}", kTag, customer_id, to_string(status));
}
std::string idempotency(const std::string& scoped_key) {
  return fmt::format("{}:idempotency:{}", kTag, scoped_key);
}
std::string void_order(const std::string& id) {
  return fmt::format("{}:order-void:{}", kTag, id);
}
std::string placing_order(const std::string& id) {
  return fmt::format("{}:order-placing:{}", kTag, id);
}
std::string restocks_due() {
  return fmt::format("{}:restocks-due", kTag);
}
std::string closed_customer(std::int64_t customer_id) {
  return fmt::format("{}:customer-closed:{}", kTag, customer_id);
}

std::string index_for(const OrderFilter& filter) {
  if (filter.customer_id && filter.status) {
    return customer_status_orders(*filter.customer_id, *filter.status);
  }
  if (filter.customer_id) return customer_orders(*filter.customer_id);
  if (filter.status) return status_orders(*filter.status);
  return all_orders();
}

std::string index_member(clock::Millis created_at, const std::string& id) {
  return fmt::format("{:015d}:{}", created_at, id);
}

std::string id_of_member(const std::string& member) {
  const auto colon = member.find(':');
  return colon == std::string::npos ? member : member.substr(colon + 1);
}

nlohmann::json position_of_member(const std::string& member) {
  const auto colon = member.find(':');
  if (colon == std::string::npos) return {{"created_at", 0}, {"id", member}};
  clock::Millis millis = 0;
  std::from_chars(member.data(), member.data() + colon, millis);
  return {{"created_at", millis}, {"id", member.substr(colon + 1)}};
}

std::string member_of_position(const nlohmann::json& position) {
  const auto bad = [] { return invalid_field("cursor", "is not a cursor from a previous page"); };
  if (!position.is_object()) throw bad();
  const auto created = position.find("created_at");
  const auto id = position.find("id");
  if (created == position.end() || !created->is_number_integer() || id == position.end() ||
      !id->is_string()) {
    throw bad();
  }
  const auto millis = created->get<std::int64_t>();
  const auto order_id = ids::parse_order_id(id->get<std::string>());
  if (millis < 0 || millis > kMaxMillis || !order_id) throw bad();
  return index_member(millis, *order_id);
}

}  // namespace ld::redis::keys
