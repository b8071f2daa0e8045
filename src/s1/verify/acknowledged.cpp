#include "s1/verify/acknowledged.hpp"

#include <strings.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "s1/s2_client/entity_lookup.hpp"

namespace ld::s1 {

namespace {

std::string header(const nlohmann::json& message, const char* name) {
  if (!message.is_object() || !message.contains("headers")) return {};
  const auto& headers = message["headers"];
  if (!headers.is_object()) return {};
  for (const auto& [key, value] : headers.items()) {
    if (::strcasecmp(key.c_str(), name) == 0 && value.is_string()) return value.get<std::string>();
  }
  return {};
}

// A text field of `object`, or "" when it is absent or not text.
std::string text_of(const nlohmann::json& object, const char* name) {
  const auto found = object.find(name);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

int status_of(const nlohmann::json& entry) {
  const auto& response = entry.value("response", nlohmann::json());
  if (!response.is_object() || !response.contains("status")) return 0;
  return response["status"].is_number_integer() ? response["status"].get<int>() : 0;
}

// The logged response body, or null when the entry has none: a hand-edited or truncated log
// must be refused entry by entry, never crash the reader.
nlohmann::json response_body(const nlohmann::json& entry) {
  const auto& response = entry.value("response", nlohmann::json());
  if (!response.is_object()) return nullptr;
  return response.value("body", nlohmann::json());
}

struct KeyHistory {
  std::size_t first_seen = 0;
  std::string store;  // customers, books, orders
  nlohmann::json sent;
  std::optional<nlohmann::json> acknowledged;  // the last 2xx body
  std::vector<nlohmann::json> lookup_pages;    // 200 pages of GETs tied to this key
};

}  // namespace

std::pair<std::string, std::string> split_url(const std::string& url) {
  const auto scheme = url.find("://");
  const auto slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (slash == std::string::npos) return {url, "/"};
  auto path = url.substr(slash);
  const auto query = path.find('?');
  if (query != std::string::npos) path.resize(query);
  return {url.substr(0, slash), path};
}

LogContents read_acknowledged(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read the log " + path);
  std::stringstream text;
  text << in.rdbuf();
  const auto log = nlohmann::json::parse(text.str(), nullptr, false);
  if (!log.is_array()) throw std::runtime_error(path + " is not an s1 log (a JSON array)");

  LogContents contents;
  contents.entries = log.size();
  std::map<std::string, KeyHistory> keys;
  for (std::size_t i = 0; i < log.size(); ++i) {
    const auto& entry = log[i];
    if (!entry.is_object() || !entry.contains("request") || !entry["request"].is_object()) continue;
    const auto& request = entry["request"];
    const auto method = text_of(request, "method");
    const auto [server, route] = split_url(text_of(request, "url"));
    const auto key = header(request, "Idempotency-Key");
    const bool store_route = route == "/customers" || route == "/books" || route == "/orders";
    if (!store_route || key.empty()) continue;
    auto& history = keys[route + " " + key];
    if (method == "POST") {
      if (history.store.empty()) {
        history.first_seen = i;
        history.store = route.substr(1);
        history.sent = request.value("body", nlohmann::json());
        if (contents.server.empty()) contents.server = server;
      }
      const int status = status_of(entry);
      auto body = response_body(entry);
      // Only a record counts as acknowledged: a 2xx without one names nothing to verify.
      if (status >= 200 && status < 300 && body.is_object()) history.acknowledged = std::move(body);
    } else if (method == "GET" && status_of(entry) == 200) {
      history.lookup_pages.push_back(response_body(entry));
    }
  }

  std::vector<std::pair<std::size_t, std::pair<std::string, Acknowledged>>> found;
  for (auto& [scoped_key, h] : keys) {
    if (h.store.empty()) continue;
    Acknowledged ack{scoped_key.substr(scoped_key.find(' ') + 1), h.sent, nullptr, false};
    if (h.acknowledged) {
      ack.record = *h.acknowledged;
    } else {
      for (const auto& page : h.lookup_pages) {
        auto match = h.store == "customers" ? match_customer(h.sent, page)
                     : h.store == "books"   ? match_book(h.sent, page)
                                            : std::nullopt;
        if (match) {
          ack.record = std::move(*match);
          ack.via_lookup = true;
          break;
        }
      }
      if (!ack.via_lookup) continue;
    }
    found.emplace_back(h.first_seen, std::make_pair(h.store, std::move(ack)));
  }
  std::sort(found.begin(), found.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [seen, item] : found) {
    auto& [store, ack] = item;
    auto& list = store == "customers" ? contents.customers
                 : store == "books"   ? contents.books
                                      : contents.orders;
    list.push_back(std::move(ack));
  }
  return contents;
}

}  // namespace ld::s1
