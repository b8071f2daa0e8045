#include "core/json_input.hpp"

#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "core/text.hpp"

namespace ld::json_input {

json parse_object(std::string_view body) {
  bool too_deep = false;
  // The callback sees every nesting step; stopping the parse as soon as it goes too deep keeps a
  // hostile body from costing more than its first 33 levels.
  json::parser_callback_t guard = [&too_deep](int depth, json::parse_event_t event, json&) {
    if ((event == json::parse_event_t::object_start || event == json::parse_event_t::array_start) &&
        depth >= kMaxDepth) {
      too_deep = true;
      throw std::invalid_argument("too deep");
    }
    return true;
  };
  json doc;
  try {
    doc = json::parse(body.begin(), body.end(), guard);
  } catch (const std::invalid_argument&) {
    throw invalid_field("body", fmt::format("must not nest deeper than {} levels", kMaxDepth));
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
    // Integers too large for 64 bits arrive here as doubles; so do fractions.
    const double d = value.get<double>();
    if (std::isfinite(d) && std::trunc(d) == d) {
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
