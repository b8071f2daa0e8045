#include "core/json_input.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <vector>

#include <fmt/format.h>

#include "core/text.hpp"

namespace ld::json_input {

namespace {

// Where the parser is inside the document, so a problem found mid-parse can name its field.
class PathTracker {
 public:
  // The path of the value the parser reads next ("body" at the top level).
  std::string next_value() const {
    if (frames_.empty()) return "body";
    const Frame& top = frames_.back();
    return top.object ? dot(top.path, top.key) : at(top.path, top.index);
  }

  // Follows one parser event; throws the 400 for a key that appears twice in one object.
  void follow(json::parse_event_t event, const json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
      case json::parse_event_t::array_start:
        frames_.push_back({event == json::parse_event_t::object_start,
                           frames_.empty() ? std::string() : next_value(),
                           {},
                           0,
                           {}});
        break;
      case json::parse_event_t::key: {
        Frame& top = frames_.back();
        top.key = parsed.get<std::string>();
        if (!top.keys.insert(top.key).second) {
          throw invalid_field(dot(top.path, top.key), "must not appear more than once");
        }
        break;
      }
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        frames_.pop_back();
        advance();
        break;
      case json::parse_event_t::value:
        advance();
        break;
    }
  }

 private:
  struct Frame {
    bool object;
    std::string path;
    std::string key;             // the key whose value comes next (objects)
    std::size_t index;           // the index of the value that comes next (arrays)
    std::set<std::string> keys;  // every key seen so far (objects)
  };

  void advance() {
    if (!frames_.empty() && !frames_.back().object) ++frames_.back().index;
  }

  std::vector<Frame> frames_;
};

// Decimals as written: the digits after the point, less the exponent ("3990e-2" has two).
std::int64_t written_decimals(std::string_view number) {
  const auto e = number.find_first_of("eE");
  const auto mantissa = number.substr(0, e);
  const auto point = mantissa.find('.');
  std::int64_t decimals =
      point == std::string_view::npos ? 0 : static_cast<std::int64_t>(mantissa.size() - point - 1);
  if (e != std::string_view::npos) {
    auto digits = number.substr(e + 1);
    const bool negative = !digits.empty() && digits.front() == '-';
    if (!digits.empty() && (digits.front() == '-' || digits.front() == '+')) {
      digits.remove_prefix(1);
    }
    std::int64_t exponent = 0;
    for (char c : digits) {
      exponent = std::min<std::int64_t>(exponent * 10 + (c - '0'), 1'000'000);  // saturates
    }
    decimals += negative ? exponent : -exponent;
  }
  return decimals;
}

// A SAX reader that only follows where it is and notes the numbers with more than two decimals.
class LongDecimalFinder : public json::json_sax_t {
 public:
  std::set<std::string> found;

  bool null() override { return value(); }
  bool boolean(bool) override { return value(); }
  bool number_integer(number_integer_t) override { return value(); }
  bool number_unsigned(number_unsigned_t) override { return value(); }
  bool number_float(number_float_t, const string_t& text) override {
    if (written_decimals(text) > 2) found.insert(next_path());
    return value();
  }
  bool string(string_t&) override { return value(); }
  bool binary(binary_t&) override { return value(); }
  bool start_object(std::size_t) override { return open(true); }
  bool key(string_t& name) override {
    frames_.back().key = name;
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(false); }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }

 private:
  struct Frame {
    bool object;
    std::string path;
    std::string key;
    std::size_t index = 0;
  };

  std::string next_path() const {
    if (frames_.empty()) return "body";
    const Frame& top = frames_.back();
    return top.object ? dot(top.path, top.key) : at(top.path, top.index);
  }
  bool value() {
    if (!frames_.empty() && !frames_.back().object) ++frames_.back().index;
    return true;
  }
  bool open(bool object) {
    frames_.push_back({object, frames_.empty() ? std::string() : next_path(), {}});
    return true;
  }
  bool close() {
    frames_.pop_back();
    return value();
  }

  std::vector<Frame> frames_;
};

}  // namespace

json parse_object(std::string_view body) {
  bool too_deep = false;
  PathTracker where;
  // The callback sees every nesting step; stopping the parse as soon as it goes too deep keeps a
  // hostile body from costing more than its first 33 levels.
  json::parser_callback_t guard = [&too_deep, &where](int depth, json::parse_event_t event,
                                                      json& parsed) {
    if ((event == json::parse_event_t::object_start || event == json::parse_event_t::array_start) &&
        depth >= kMaxDepth) {
      too_deep = true;
      throw std::invalid_argument("too deep");
    }
    where.follow(event, parsed);
    return true;
  };
  json doc;
  try {
    doc = json::parse(body.begin(), body.end(), guard);
  } catch (const std::invalid_argument&) {
    throw invalid_field("body", fmt::format("must not nest deeper than {} levels", kMaxDepth));
  } catch (const json::out_of_range&) {
    // A number such as 1e400 does not fit a double; the lexer stops on it, so the tracker
    // still points at its field.
    throw invalid_field(where.next_value(), "is a number out of range");
  } catch (const json::parse_error& e) {
    // nlohmann reports invalid UTF-8 as a parse error; the byte offset helps the client.
    const std::string what = e.what();
    if (what.find("UTF-8") != std::string::npos) {
      throw invalid_field("body", fmt::format("is not valid UTF-8 (byte {})", e.byte));
    }
    throw invalid_field("body", fmt::format("is not valid JSON (byte {})", e.byte));
  }
  if (too_deep) {
    throw invalid_field("body", fmt::format("must not nest deeper than {} levels", kMaxDepth));
  }
  if (!doc.is_object()) throw invalid_field("body", "must be a JSON object");
  Violations v;
  check_no_nul(doc, "", v);
  v.throw_if_any();
  return doc;
}

std::set<std::string> numbers_with_more_than_two_decimals(std::string_view body) {
  LongDecimalFinder finder;
  json::sax_parse(body.begin(), body.end(), &finder);
  return std::move(finder.found);
}

void check_no_nul(const json& value, const std::string& path, Violations& v) {
  if (value.is_string()) {
    if (text::contains_nul(value.get_ref<const std::string&>())) {
      v.add(path.empty() ? "body" : path, "must not contain NUL characters");
    }
  } else if (value.is_object()) {
    for (const auto& [key, child] : value.items()) {
      if (text::contains_nul(key)) {
        v.add(path.empty() ? "body" : path, "field names must not contain NUL characters");
        continue;
      }
      check_no_nul(child, dot(path, key), v);
    }
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) check_no_nul(value[i], at(path, i), v);
  }
}

std::string at(const std::string& path, std::size_t index) {
  return fmt::format("{}[{}]", path, index);
}

std::string dot(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : fmt::format("{}.{}", path, key);
}

std::optional<std::string> text(const json& obj, std::string_view key, const std::string& path,
                                Violations& v, bool required, std::size_t max_chars,
                                std::size_t min_chars) {
  const std::string field = dot(path, key);
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) {
    if (required) v.add(field, "is required");
    return std::nullopt;
  }
  if (!it->is_string()) {
    v.add(field, "must be a string");
    return std::nullopt;
  }
  std::string value = text::trim(it->get_ref<const std::string&>());
  const auto n = text::length(value);
  if (n < min_chars || (required && n == 0)) {
    v.add(field, min_chars <= 1 ? "must not be empty"
                                : fmt::format("must have at least {} characters", min_chars));
    return std::nullopt;
  }
  if (n > max_chars) {
    v.add(field, fmt::format("must have at most {} characters", max_chars));
    return std::nullopt;
  }
  return value;
}

std::optional<std::int64_t> as_integer(const json& value, const std::string& path, Violations& v,
                                       std::int64_t min, std::int64_t max) {
  std::int64_t n = 0;
  if (value.is_number_integer() && !value.is_number_unsigned()) {
    n = value.get<std::int64_t>();
  } else if (value.is_number_unsigned()) {
    const auto u = value.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      v.add(path, fmt::format("must be at most {}", max));
      return std::nullopt;
    }
    n = static_cast<std::int64_t>(u);
  } else if (value.is_number_float()) {
    // Integers too large for 64 bits arrive here as doubles and are out of range; any other
    // double was written with a fraction or an exponent (1.0, 1e-400) and is no integer.
    const double d = value.get<double>();
    constexpr double two_to_63 = 9223372036854775808.0;
    if (std::isfinite(d) && std::trunc(d) == d && std::fabs(d) >= two_to_63) {
      v.add(path, d > 0 ? fmt::format("must be at most {}", max)
                        : fmt::format("must be at least {}", min));
    } else {
      v.add(path, "must be an integer");
    }
    return std::nullopt;
  } else {
    v.add(path, "must be an integer");
    return std::nullopt;
  }
  if (n < min) {
    v.add(path, fmt::format("must be at least {}", min));
    return std::nullopt;
  }
  if (n > max) {
    v.add(path, fmt::format("must be at most {}", max));
    return std::nullopt;
  }
  return n;
}

std::optional<std::int64_t> integer(const json& obj, std::string_view key, const std::string& path,
                                    Violations& v, bool required, std::int64_t min,
                                    std::int64_t max) {
  const std::string field = dot(path, key);
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) {
    if (required) v.add(field, "is required");
    return std::nullopt;
  }
  return as_integer(*it, field, v, min, max);
}

}  // namespace ld::json_input
