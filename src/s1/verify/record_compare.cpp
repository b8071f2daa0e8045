#include "s1/verify/record_compare.hpp"

#include <fmt/format.h>

#include "core/money.hpp"
#include "core/text.hpp"
#include "domain/brazil/documents.hpp"
#include "s1/s2_client/entity_lookup.hpp"

namespace ld::s1 {

namespace {

using nlohmann::json;

const std::vector<std::string> kCustomerFields = {"name",  "email",      "cpf",
                                                  "phone", "birth_date", "addresses"};
const std::vector<std::string> kServerFields = {"id", "created_at", "updated_at"};

json trimmed(const json& v) {
  return v.is_string() ? json(text::trim(v.get<std::string>())) : v;
}

json trimmed_list(const json& v) {
  if (!v.is_array()) return v;
  json out = json::array();
  for (const auto& item : v) out.push_back(trimmed(item));
  return out;
}

template <typename Normalise>
json normalised(const json& v, Normalise normalise) {
  if (!v.is_string()) return v;
  const auto value = normalise(v.get<std::string>());
  return value ? json(*value) : v;
}

json expected_address(const json& a) {
  if (!a.is_object()) return a;
  json out = json::object();
  for (const char* f : {"street", "number", "complement", "district", "city"}) {
    if (a.contains(f)) out[f] = trimmed(a[f]);
  }
  if (a.contains("state")) out["state"] = normalised(a["state"], brazil::normalize_uf);
  if (a.contains("postal_code"))
    out["postal_code"] = normalised(a["postal_code"], brazil::normalize_cep);
  out["country"] = a.contains("country") ? trimmed(a["country"]) : json("BR");
  return out;
}

json money_text(const json& v) {
  Violations ignored;
  const auto money = read_money(v, "price", ignored);
  if (!money) return v;
  return {{"amount", format_amount(money->cents)}, {"currency", money->currency}};
}

std::string show(const json& v) {
  if (v.is_discarded()) return "(absent)";
  auto text = v.dump();
  return text.size() > 120 ? text.substr(0, 117) + "..." : text;
}

void compare_values(const std::string& path, const json& expected, const json& found,
                    std::vector<Difference>& out) {
  if (expected.is_object() && found.is_object()) {
    for (const auto& [k, v] : expected.items()) {
      compare_values(path.empty() ? k : path + "." + k, v,
                     found.contains(k) ? found[k] : json(json::value_t::discarded), out);
    }
    for (const auto& [k, v] : found.items()) {
      if (!expected.contains(k)) {
        out.push_back({path.empty() ? k : path + "." + k, "(absent)", show(v)});
      }
    }
    return;
  }
  if (expected.is_array() && found.is_array() && expected.size() == found.size()) {
    for (std::size_t i = 0; i < expected.size(); ++i) {
      compare_values(fmt::format("{}[{}]", path, i), expected[i], found[i], out);
    }
    return;
  }
  if (expected.is_discarded() != found.is_discarded() || expected != found) {
    out.push_back({path, show(expected), show(found)});
  }
}

json project(const json& record, const std::vector<std::string>& fields) {
  json out = json::object();
  for (const auto& f : fields) {
    if (record.is_object() && record.contains(f)) out[f] = record[f];
  }
  return out;
}

json without_server_fields(const json& record) {
  json out = record.is_object() ? record : json::object();
  for (const auto& f : kServerFields) out.erase(f);
  return out;
}

std::optional<std::int64_t> cents_of(const json& money) {
  Violations ignored;
  const auto m = read_money(money, "amount", ignored);
  return m ? std::optional(m->cents) : std::nullopt;
}

void check_arithmetic(const json& order, std::vector<Difference>& out) {
  if (!order.contains("items") || !order["items"].is_array()) return;
  std::int64_t total = 0;
  for (std::size_t i = 0; i < order["items"].size(); ++i) {
    const auto& item = order["items"][i];
    const auto unit = cents_of(item.value("unit_price", json()));
    const auto subtotal = cents_of(item.value("subtotal", json()));
    const auto quantity = item.value("quantity", json());
    if (!unit || !subtotal || !quantity.is_number_integer()) continue;
    if (*unit * quantity.get<std::int64_t>() != *subtotal) {
      out.push_back({fmt::format("items[{}].subtotal", i),
                     format_amount(*unit * quantity.get<std::int64_t>()),
                     format_amount(*subtotal)});
    }
    total += *subtotal;
  }
  const auto stored_total = cents_of(order.value("total", json()));
  if (stored_total && *stored_total != total) {
    out.push_back({"total", format_amount(total), format_amount(*stored_total)});
  }
}

}  // namespace

json expected_customer(const json& sent) {
  json out = json::object();
  for (const char* f : {"name", "email", "phone", "birth_date"}) {
    if (sent.contains(f)) out[f] = trimmed(sent[f]);
  }
  if (sent.contains("cpf")) out["cpf"] = normalised(sent["cpf"], brazil::normalize_cpf);
  out["addresses"] = json::array();
  if (sent.contains("addresses") && sent["addresses"].is_array()) {
    for (const auto& a : sent["addresses"]) out["addresses"].push_back(expected_address(a));
  }
  return out;
}

json expected_book(const json& sent) {
  json out = without_server_fields(sent);
  for (const char* f : {"title", "subtitle", "publisher", "description", "published_date",
                        "language", "thumbnail", "google_volume_id"}) {
    if (out.contains(f)) out[f] = trimmed(out[f]);
  }
  for (const char* f : {"authors", "categories"}) {
    if (out.contains(f)) out[f] = trimmed_list(out[f]);
  }
  for (const char* f : {"isbn_10", "isbn_13"}) {
    if (out.contains(f) && out[f].is_string()) out[f] = isbn_digits(out[f].get<std::string>());
  }
  if (out.contains("price")) out["price"] = money_text(out["price"]);
  return out;
}

std::vector<Difference> compare_customer(const json& sent, const json& stored) {
  std::vector<Difference> out;
  compare_values("", expected_customer(sent), project(stored, kCustomerFields), out);
  return out;
}

std::vector<Difference> compare_book(const json& sent, const json& stored,
                                     std::int64_t stock_taken) {
  std::vector<Difference> out;
  auto expected = expected_book(sent);
  if (expected.contains("stock") && expected["stock"].is_number_integer()) {
    expected["stock"] = expected["stock"].get<std::int64_t>() - stock_taken;
  }
  compare_values("", expected, without_server_fields(stored), out);
  return out;
}

std::vector<Difference> compare_order(const json& sent, const json& acknowledged,
                                      const json& stored,
                                      const std::map<std::string, json>& books) {
  std::vector<Difference> out;
  // What S2 holds now against what it acknowledged (updated_at may move with a status change).
  compare_values(
      "", project(acknowledged, {"id", "customer_id", "items", "total", "status", "created_at"}),
      project(stored, {"id", "customer_id", "items", "total", "status", "created_at"}), out);
  // What was asked for: the customer and, in order, each book and quantity.
  json asked = {{"customer_id", sent.value("customer_id", json())}, {"items", json::array()}};
  json got = {{"customer_id", stored.value("customer_id", json())}, {"items", json::array()}};
  for (const auto& item : sent.value("items", json::array())) {
    asked["items"].push_back(project(item, {"book_id", "quantity"}));
  }
  for (const auto& item : stored.value("items", json::array())) {
    got["items"].push_back(project(item, {"book_id", "quantity"}));
  }
  std::vector<Difference> request_diffs;
  compare_values("", asked, got, request_diffs);
  for (auto& d : request_diffs) {
    d.field = "request " + d.field;
    out.push_back(std::move(d));
  }
  check_arithmetic(stored, out);
  // Each item's snapshot: the title and price of the book as S2 acknowledged it.
  const auto& items = stored.value("items", json::array());
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto book = books.find(items[i].value("book_id", std::string{}));
    if (book == books.end()) continue;
    const auto expected = expected_book(book->second);
    compare_values(fmt::format("items[{}].title", i), expected.value("title", json()),
                   items[i].value("title", json()), out);
    compare_values(fmt::format("items[{}].unit_price", i), expected.value("price", json()),
                   items[i].value("unit_price", json()), out);
  }
  return out;
}

std::string describe(const Difference& d) {
  return fmt::format("{}: expected {}, found {}", d.field, d.expected, d.found);
}

}  // namespace ld::s1
