#include "s1/s2_client/entity_lookup.hpp"

#include <cctype>

#include <fmt/format.h>

#include "core/text.hpp"
#include "s1/s2_client/delivery.hpp"

namespace ld::s1 {

namespace {

// A title shared by many books could span pages; this bounds the search, not the answer.
constexpr int kMaxLookupPages = 20;

std::string lower_ascii(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string string_field(const nlohmann::json& j, const char* name) {
  if (!j.is_object()) return {};
  const auto it = j.find(name);
  return it != j.end() && it->is_string() ? text::trim(it->get<std::string>()) : std::string{};
}

const nlohmann::json& items_of(const nlohmann::json& page) {
  static const nlohmann::json kNone = nlohmann::json::array();
  if (!page.is_object()) return kNone;
  const auto it = page.find("items");
  return it != page.end() && it->is_array() ? *it : kNone;
}

// Walks the pages of a list, returning the first item `match` accepts.
template <typename Match>
std::optional<nlohmann::json> search_pages(S2Connection& s2, Call call, const RetryPolicy& policy,
                                           Random& jitter, const Match& match) {
  const std::string first_path = call.path;
  for (int page = 0; page < kMaxLookupPages; ++page) {
    const auto d = deliver(s2, call, policy, jitter);
    if (d.response.status != 200) return std::nullopt;
    const auto body = nlohmann::json::parse(d.response.body, nullptr, false);
    if (auto found = match(body)) return found;
    if (!body.is_object() || !body.contains("next_cursor") || !body["next_cursor"].is_string()) {
      return std::nullopt;
    }
    call.path = first_path + "&cursor=" + url_encode(body["next_cursor"].get<std::string>());
  }
  return std::nullopt;
}

}  // namespace

std::string url_encode(std::string_view text) {
  std::string out;
  for (const unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

std::optional<std::string> record_id(const nlohmann::json& record) {
  if (!record.is_object() || !record.contains("id")) return std::nullopt;
  const auto& id = record["id"];
  if (id.is_string()) return id.get<std::string>();
  if (id.is_number_integer()) return std::to_string(id.get<std::int64_t>());
  return std::nullopt;
}

std::string isbn_digits(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (std::isdigit(static_cast<unsigned char>(c))) out += c;
    if (c == 'x' || c == 'X') out += 'X';
  }
  return out;
}

bool same_book(const nlohmann::json& a, const nlohmann::json& b) {
  const auto volume = string_field(a, "google_volume_id");
  if (!volume.empty()) return volume == string_field(b, "google_volume_id");
  for (const char* isbn : {"isbn_13", "isbn_10"}) {
    const auto mine = isbn_digits(string_field(a, isbn));
    if (!mine.empty()) return mine == isbn_digits(string_field(b, isbn));
  }
  return false;
}

std::optional<nlohmann::json> match_customer(const nlohmann::json& sent,
                                             const nlohmann::json& page) {
  const auto email = lower_ascii(string_field(sent, "email"));
  if (email.empty()) return std::nullopt;
  for (const auto& item : items_of(page)) {
    if (lower_ascii(string_field(item, "email")) == email) return item;
  }
  return std::nullopt;
}

std::optional<nlohmann::json> match_book(const nlohmann::json& sent, const nlohmann::json& page) {
  for (const auto& item : items_of(page)) {
    if (same_book(sent, item)) return item;
  }
  return std::nullopt;
}

std::optional<nlohmann::json> find_customer(S2Connection& s2, const std::string& phase,
                                            const nlohmann::json& sent, const std::string& tie_key,
                                            const RetryPolicy& policy, Random& jitter) {
  const auto email = string_field(sent, "email");
  if (email.empty()) return std::nullopt;
  Call call{phase,  "GET /customers?email", "GET", "/customers?email=" + url_encode(email), "",
            tie_key};
  return search_pages(s2, call, policy, jitter,
                      [&](const nlohmann::json& page) { return match_customer(sent, page); });
}

std::optional<nlohmann::json> find_book(S2Connection& s2, const std::string& phase,
                                        const nlohmann::json& sent, const std::string& tie_key,
                                        const RetryPolicy& policy, Random& jitter) {
  const auto title = string_field(sent, "title");
  if (title.empty()) return std::nullopt;
  Call call{phase, "GET /books?q", "GET", "/books?limit=100&q=" + url_encode(title), "", tie_key};
  return search_pages(s2, call, policy, jitter,
                      [&](const nlohmann::json& page) { return match_book(sent, page); });
}

}  // namespace ld::s1
