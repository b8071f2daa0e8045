// Validation of order requests. Book ids are compared after lower-casing, since the API accepts
// either case, so "AB..." and "ab..." in one order count as the same book.
#include "domain/orders/order_request.hpp"

#include <array>
#include <limits>
#include <map>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "core/ids.hpp"
#include "core/json_input.hpp"
#include "core/violations.hpp"

namespace ld {

namespace {

using json_input::at;
using json_input::dot;

// Fields the server fills in: a client sending them is told so rather than silently ignored.
constexpr std::array<std::string_view, 6> kServerOrderFields = {
    "id", "status", "total", "currency", "created_at", "updated_at"};
constexpr std::array<std::string_view, 3> kServerItemFields = {"title", "unit_price", "subtotal"};

template <std::size_t N>
bool is_one_of(std::string_view key, const std::array<std::string_view, N>& names) {
  for (auto name : names) {
    if (name == key) return true;
  }
  return false;
}

void check_known_fields(const nlohmann::json& obj, const std::string& path,
                        std::initializer_list<std::string_view> allowed, bool server_fields_item,
                        Violations& v) {
  for (const auto& [key, value] : obj.items()) {
    bool known = false;
    for (auto name : allowed) known = known || name == key;
    if (known) continue;
    const bool server =
        server_fields_item ? is_one_of(key, kServerItemFields) : is_one_of(key, kServerOrderFields);
    v.add(dot(path, key), server ? "is set by the server" : "is not a field of an order");
  }
}

// Reads one item. The book id is returned whenever it is valid, even if the quantity is not, so
// that a repeated book is reported alongside a bad quantity.
std::pair<std::optional<std::string>, std::optional<std::int64_t>> read_line(
    const nlohmann::json& item, const std::string& path, Violations& v) {
  if (!item.is_object()) {
    v.add(path, "must be an object with book_id and quantity");
    return {};
  }
  check_known_fields(item, path, {"book_id", "quantity"}, true, v);
  std::optional<std::string> book_id;
  const auto id = item.find("book_id");
  if (id == item.end() || id->is_null()) {
    v.add(dot(path, "book_id"), "is required");
  } else if (!id->is_string() || !(book_id = ids::parse_book_id(id->get<std::string>()))) {
    v.add(dot(path, "book_id"), "must be a book id of 24 hexadecimal digits");
  }
  auto quantity = json_input::integer(item, "quantity", path, v, true, 1, kMaxItemQuantity);
  return {std::move(book_id), quantity};
}

}  // namespace

OrderRequest read_order_request(const nlohmann::json& body) {
  Violations v;
  OrderRequest request;
  check_known_fields(body, "", {"customer_id", "items"}, false, v);
  const auto customer = json_input::integer(body, "customer_id", "", v, true, 1,
                                            std::numeric_limits<std::int64_t>::max());
  if (customer) request.customer_id = *customer;

  const auto items = body.find("items");
  if (items == body.end() || items->is_null()) {
    v.add("items", "is required");
  } else if (!items->is_array()) {
    v.add("items", "must be an array of {book_id, quantity}");
  } else if (items->empty()) {
    v.add("items", "must have at least 1 item");
  } else if (items->size() > kMaxOrderItems) {
    // Checked before the items themselves so a huge list costs one message, not thousands.
    v.add("items", fmt::format("must have at most {} items", kMaxOrderItems));
  } else {
    std::map<std::string, std::size_t> seen;  // book id -> first index
    for (std::size_t i = 0; i < items->size(); ++i) {
      const std::string path = at("items", i);
      auto [book_id, quantity] = read_line((*items)[i], path, v);
      if (!book_id) continue;
      const auto [first, inserted] = seen.emplace(*book_id, i);
      if (!inserted) {
        v.add(dot(path, "book_id"),
              fmt::format("repeats items[{}].book_id; give each book once with its quantity",
                          first->second));
        continue;
      }
      if (quantity) request.items.push_back({std::move(*book_id), *quantity});
    }
  }
  v.throw_if_any();
  return request;
}

std::optional<OrderStatus> read_status_change(const nlohmann::json& body) {
  Violations v;
  std::optional<OrderStatus> status;
  for (const auto& [key, value] : body.items()) {
    if (key == "status") continue;
    const bool read_only =
        is_one_of(key, kServerOrderFields) || key == "items" || key == "customer_id";
    v.add(key, read_only ? "is read-only" : "is not a field of an order");
  }
  if (const auto it = body.find("status"); it != body.end()) {
    if (!it->is_string() || !(status = parse_order_status(it->get<std::string>()))) {
      v.add("status", "must be one of created, paid, shipped, delivered, cancelled");
    }
  }
  v.throw_if_any();
  return status;
}

}  // namespace ld
