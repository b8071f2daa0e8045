#include "s1/verify/store_check.hpp"

#include <cctype>
#include <set>

#include <fmt/format.h>

#include "core/text.hpp"
#include "s1/s2_client/delivery.hpp"
#include "s1/s2_client/entity_lookup.hpp"
#include "s1/verify/record_compare.hpp"

namespace ld::s1 {

namespace {

using nlohmann::json;

// A list longer than this is not one this run could have made; stop paging there.
constexpr int kMaxListPages = 1000;

struct Fetched {
  int status = 0;  // 0: no usable answer
  json body;
};

Fetched fetch(VerifySession& s, const std::string& endpoint, const std::string& path) {
  const auto d = deliver(s.s2, {"verify", endpoint, "GET", path, "", ""}, s.policy, s.jitter);
  const int status = static_cast<int>(d.response.status);
  if (status != 200 && status != 404) return {0, nullptr};
  return {status, json::parse(d.response.body, nullptr, false)};
}

// Every item of a list; nullopt when a page could not be read.
std::optional<std::vector<json>> fetch_all(VerifySession& s, const std::string& endpoint,
                                           const std::string& path) {
  std::vector<json> items;
  std::string page_path = path;
  for (int page = 0; page < kMaxListPages; ++page) {
    const auto f = fetch(s, endpoint, page_path);
    if (f.status != 200 || !f.body.is_object() || !f.body.contains("items")) return std::nullopt;
    for (const auto& item : f.body["items"]) items.push_back(item);
    const auto& next = f.body.value("next_cursor", json());
    if (!next.is_string()) return items;
    page_path = path + "&cursor=" + url_encode(next.get<std::string>());
  }
  return items;
}

// GET path, remembering whether it exists for the orders' references.
int existence(VerifySession& s, const std::string& endpoint, const std::string& path) {
  const auto known = s.existence.find(path);
  if (known != s.existence.end()) return known->second;
  const int status = fetch(s, endpoint, path).status;
  if (status != 0) s.existence[path] = status;
  return status;
}

void note(StoreCheck& check, std::string problem) {
  check.problems.push_back(std::move(problem));
}

// Fetches the record and compares it; true when it was found (equal or not).
template <typename Compare>
bool check_record(VerifySession& s, StoreCheck& check, const std::string& endpoint,
                  const std::string& path, const std::string& label, const Compare& compare) {
  ++check.created;
  const auto f = fetch(s, endpoint, path);
  s.existence[path] = f.status;
  if (f.status == 0) {
    ++check.unchecked;
    note(check, label + ": S2 gave no usable answer");
    return false;
  }
  if (f.status == 404) {
    ++check.missing;
    note(check, label + ": missing (404)");
    return false;
  }
  ++check.found;
  const auto diffs = compare(f.body);
  if (!diffs.empty()) {
    ++check.different;
    for (const auto& d : diffs) note(check, label + ": " + describe(d));
  }
  return true;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

json order_lines(const json& order) {
  json lines = json::array();
  for (const auto& item : order.value("items", json::array())) {
    lines.push_back({item.value("book_id", json()), item.value("quantity", json())});
  }
  return lines;
}

}  // namespace

const json& expected_source(const Acknowledged& ack) {
  return ack.via_lookup ? ack.record : ack.sent;
}

std::map<std::string, std::int64_t> stock_taken_by(const std::vector<Acknowledged>& orders) {
  std::map<std::string, std::int64_t> taken;
  for (const auto& ack : orders) {
    if (!ack.record.is_object()) continue;
    for (const auto& item : ack.record.value("items", json::array())) {
      const auto quantity = item.value("quantity", json());
      if (quantity.is_number_integer()) {
        taken[item.value("book_id", std::string{})] += quantity.get<std::int64_t>();
      }
    }
  }
  return taken;
}

StoreCheck check_customers(VerifySession& s, const std::vector<Acknowledged>& acked) {
  StoreCheck check;
  check.store = "PostgreSQL customers";
  for (const auto& ack : acked) {
    const auto id = record_id(ack.record);
    const auto email = ack.sent.is_object() ? ack.sent.value("email", std::string{}) : "";
    const auto label = fmt::format("customer {} <{}>", id.value_or("?"), email);
    if (!id) {
      ++check.created;
      ++check.unchecked;
      note(check, label + ": the acknowledgement carries no id");
      continue;
    }
    check_record(
        s, check, "GET /customers/{id}", "/customers/" + *id, label,
        [&](const json& stored) { return compare_customer(expected_source(ack), stored); });
    // Exactly one customer per e-mail, whatever the retries did.
    const auto same_email =
        fetch_all(s, "GET /customers?email", "/customers?limit=100&email=" + url_encode(email));
    if (!same_email) {
      ++check.unchecked;
      note(check, label + ": could not list customers by e-mail");
      continue;
    }
    std::size_t n = 0;
    for (const auto& c : *same_email) n += lower(c.value("email", std::string{})) == lower(email);
    if (n > 1) {
      ++check.duplicates;
      note(check, fmt::format("{}: {} customers have this e-mail", label, n));
    }
  }
  return check;
}

StoreCheck check_books(VerifySession& s, const std::vector<Acknowledged>& acked) {
  StoreCheck check;
  check.store = "MongoDB books";
  for (const auto& ack : acked) {
    const auto id = record_id(ack.record);
    const auto title = ack.sent.is_object() ? ack.sent.value("title", std::string{}) : "";
    const auto label = fmt::format("book {} \"{}\"", id.value_or("?"), title);
    if (!id) {
      ++check.created;
      ++check.unchecked;
      note(check, label + ": the acknowledgement carries no id");
      continue;
    }
    // A book that was already there was looked up before this run's orders, so its stock then
    // less what they took is what it holds now, as for a book this run created.
    s.books_acknowledged[*id] = expected_source(ack);
    check_record(s, check, "GET /books/{id}", "/books/" + *id, label, [&](const json& stored) {
      const auto taken = s.stock_taken.find(*id);
      return compare_book(expected_source(ack), stored,
                          taken == s.stock_taken.end() ? 0 : taken->second);
    });
    const auto same_title =
        fetch_all(s, "GET /books?q", "/books?limit=100&q=" + url_encode(text::trim(title)));
    if (!same_title) {
      ++check.unchecked;
      note(check, label + ": could not search books by title");
      continue;
    }
    std::size_t n = 0;
    for (const auto& b : *same_title) n += same_book(ack.sent, b);
    if (n > 1) {
      ++check.duplicates;
      note(check, fmt::format("{}: {} books are this same book", label, n));
    }
  }
  return check;
}

StoreCheck check_orders(VerifySession& s, const std::vector<Acknowledged>& acked) {
  StoreCheck check;
  check.store = "Redis orders";
  std::map<std::string, std::vector<const Acknowledged*>> by_customer;
  std::set<std::string> acked_ids;
  for (const auto& ack : acked) {
    const auto id = record_id(ack.record);
    const auto label = fmt::format("order {}", id.value_or("?"));
    if (!id || !ack.sent.is_object()) {
      ++check.created;
      ++check.unchecked;
      note(check, label + ": the acknowledgement carries no id");
      continue;
    }
    acked_ids.insert(*id);
    const bool found = check_record(
        s, check, "GET /orders/{id}", "/orders/" + *id, label, [&](const json& stored) {
          auto diffs = compare_order(ack.sent, ack.record, stored, s.books_acknowledged);
          // The order's references must still resolve: its customer and every book.
          const auto customer = stored.value("customer_id", json());
          if (customer.is_number_integer()) {
            const auto path = fmt::format("/customers/{}", customer.get<std::int64_t>());
            if (existence(s, "GET /customers/{id}", path) == 404) {
              diffs.push_back({"customer_id", "an existing customer", path + " is 404"});
            }
          }
          for (const auto& item : stored.value("items", json::array())) {
            const auto path = "/books/" + item.value("book_id", std::string{});
            if (existence(s, "GET /books/{id}", path) == 404) {
              diffs.push_back({"items.book_id", "an existing book", path + " is 404"});
            }
          }
          return diffs;
        });
    if (found) by_customer[ack.sent.value("customer_id", json()).dump()].push_back(&ack);
  }
  // A duplicate is an order S2 holds for one of these customers that no acknowledgement names
  // but that asks for exactly what an acknowledged one asked for: a retry that ran twice.
  for (const auto& [customer, orders] : by_customer) {
    const auto listed =
        fetch_all(s, "GET /orders?customer_id", "/orders?limit=100&customer_id=" + customer);
    if (!listed) {
      ++check.unchecked;
      note(check, "orders of customer " + customer + ": could not be listed");
      continue;
    }
    for (const auto& stored : *listed) {
      const auto id = record_id(stored);
      if (!id || acked_ids.count(*id)) continue;
      for (const auto* ack : orders) {
        if (order_lines(stored) == order_lines(ack->sent)) {
          ++check.duplicates;
          note(check, fmt::format("order {} duplicates order {} (customer {})", *id,
                                  record_id(ack->record).value_or("?"), customer));
          break;
        }
      }
    }
  }
  return check;
}

}  // namespace ld::s1
