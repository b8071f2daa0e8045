// Reads docs/openapi.json and checks JSON values against its schemas, so a test can hold a live
// response to the very description clients are given.
#include "support/api_document.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace ld::test {

using nlohmann::json;

namespace {

constexpr std::array<const char*, 8> kMethods = {"get",     "put",  "post",  "delete",
                                                 "options", "head", "patch", "trace"};

std::string upper(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

std::string lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Unicode characters, as the contract counts lengths (UTF-8 continuation bytes don't start one).
std::size_t characters(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

bool has_type(const json& value, const std::string& type) {
  if (type == "string") return value.is_string();
  if (type == "integer") return value.is_number_integer();
  if (type == "number") return value.is_number();
  if (type == "boolean") return value.is_boolean();
  if (type == "object") return value.is_object();
  if (type == "array") return value.is_array();
  return false;
}

// The formats whose meaning the contract fixes; others (email, uri) are spelled out as patterns.
const std::map<std::string, std::string>& format_patterns() {
  static const std::map<std::string, std::string> formats = {
      {"date-time", R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$)"},
      {"date", R"(^\d{4}-\d{2}-\d{2}$)"},
      {"uuid", R"(^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$)"},
  };
  return formats;
}

}  // namespace

ApiDocument::ApiDocument(json document) : document_(std::move(document)) {}

ApiDocument ApiDocument::load(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  return ApiDocument(json::parse(text.str()));
}

std::set<Operation> ApiDocument::operations() const {
  std::set<Operation> out;
  for (const auto& [path, item] : document_.at("paths").items()) {
    for (const char* method : kMethods) {
      if (item.contains(method)) out.emplace(upper(method), path);
    }
  }
  return out;
}

const json& ApiDocument::operation(const Operation& op) const {
  return document_.at("paths").at(op.second).at(lower(op.first));
}

std::set<std::string> ApiDocument::statuses(const Operation& op) const {
  std::set<std::string> out;
  for (const auto& [status, response] : operation(op).at("responses").items()) out.insert(status);
  return out;
}

const json& ApiDocument::response(const Operation& op, const std::string& status) const {
  return resolve(operation(op).at("responses").at(status));
}

const json& ApiDocument::schema(const std::string& name) const {
  return document_.at("components").at("schemas").at(name);
}

const json& ApiDocument::resolve(const json& node) const {
  const json* current = &node;
  // A chain of references is followed; the document has no cycles, the bound only guards.
  for (int hops = 0; hops < 16 && current->is_object() && current->contains("$ref"); ++hops) {
    const auto& ref = current->at("$ref").get_ref<const std::string&>();
    if (ref.rfind("#/", 0) != 0) throw std::runtime_error("not a local reference: " + ref);
    current = &document_.at(json::json_pointer(ref.substr(1)));
  }
  return *current;
}

std::vector<std::string> ApiDocument::violations(const json& value, const json& schema) const {
  std::vector<std::string> out;
  check(value, schema, "$", out);
  return out;
}

bool ApiDocument::matches(const std::string& text, const std::string& pattern) const {
  auto it = patterns_.find(pattern);
  if (it == patterns_.end()) it = patterns_.emplace(pattern, std::regex(pattern)).first;
  return std::regex_search(text, it->second);
}

void ApiDocument::check(const json& value, const json& schema_node, const std::string& where,
                        std::vector<std::string>& out) const {
  const json& s = resolve(schema_node);
  if (value.is_null() && s.value("nullable", false)) return;

  if (s.contains("allOf")) {
    for (const auto& part : s.at("allOf")) check(value, part, where, out);
  }
  for (const char* keyword : {"oneOf", "anyOf"}) {
    if (!s.contains(keyword)) continue;
    std::size_t passing = 0;
    for (const auto& part : s.at(keyword)) passing += violations(value, part).empty() ? 1 : 0;
    const bool one_of = std::string(keyword) == "oneOf";
    if (passing == 0 || (one_of && passing > 1)) {
      out.push_back(where + ": matches " + std::to_string(passing) + " of the " + keyword +
                    " alternatives");
    }
  }
  if (s.contains("type")) {
    const auto& type = s.at("type").get_ref<const std::string&>();
    if (!has_type(value, type)) {
      out.push_back(where + ": must be " + (value.is_null() ? "non-null " : "") + type + ", is " +
                    value.dump());
      return;
    }
  }
  if (s.contains("enum")) {
    const auto& allowed = s.at("enum");
    if (std::find(allowed.begin(), allowed.end(), value) == allowed.end()) {
      out.push_back(where + ": " + value.dump() + " is not one of " + allowed.dump());
    }
  }
  if (value.is_object()) {
    check_object(value, s, where, out);
  } else if (value.is_array()) {
    if (s.contains("minItems") && value.size() < s.at("minItems").get<std::size_t>()) {
      out.push_back(where + ": fewer than " + s.at("minItems").dump() + " items");
    }
    if (s.contains("maxItems") && value.size() > s.at("maxItems").get<std::size_t>()) {
      out.push_back(where + ": more than " + s.at("maxItems").dump() + " items");
    }
    if (s.contains("items")) {
      for (std::size_t i = 0; i < value.size(); ++i) {
        check(value[i], s.at("items"), where + "[" + std::to_string(i) + "]", out);
      }
    }
  } else if (value.is_string()) {
    check_string(value.get_ref<const std::string&>(), s, where, out);
  } else if (value.is_number()) {
    const auto number = value.get<double>();
    if (s.contains("minimum") && number < s.at("minimum").get<double>()) {
      out.push_back(where + ": below the minimum " + s.at("minimum").dump());
    }
    if (s.contains("maximum") && number > s.at("maximum").get<double>()) {
      out.push_back(where + ": above the maximum " + s.at("maximum").dump());
    }
  }
}

void ApiDocument::check_object(const json& value, const json& s, const std::string& where,
                               std::vector<std::string>& out) const {
  if (s.contains("required")) {
    for (const auto& name : s.at("required")) {
      if (!value.contains(name.get<std::string>())) {
        out.push_back(where + ": lacks the required property " + name.get<std::string>());
      }
    }
  }
  const json no_properties = json::object();
  const json& properties = s.contains("properties") ? s.at("properties") : no_properties;
  for (const auto& [name, member] : value.items()) {
    const std::string member_where = where + "." + name;
    if (properties.contains(name)) {
      check(member, properties.at(name), member_where, out);
    } else if (s.contains("additionalProperties")) {
      const auto& extra = s.at("additionalProperties");
      if (extra.is_boolean()) {
        if (!extra.get<bool>()) out.push_back(member_where + ": is not a documented property");
      } else {
        check(member, extra, member_where, out);
      }
    }
  }
}

void ApiDocument::check_string(const std::string& value, const json& s, const std::string& where,
                               std::vector<std::string>& out) const {
  const auto length = characters(value);
  if (s.contains("minLength") && length < s.at("minLength").get<std::size_t>()) {
    out.push_back(where + ": shorter than " + s.at("minLength").dump() + " characters");
  }
  if (s.contains("maxLength") && length > s.at("maxLength").get<std::size_t>()) {
    out.push_back(where + ": longer than " + s.at("maxLength").dump() + " characters");
  }
  if (s.contains("pattern") && !matches(value, s.at("pattern").get<std::string>())) {
    out.push_back(where + ": \"" + value + "\" does not match " + s.at("pattern").dump());
  }
  if (s.contains("format")) {
    const auto& formats = format_patterns();
    const auto it = formats.find(s.at("format").get<std::string>());
    if (it != formats.end() && !matches(value, it->second)) {
      out.push_back(where + ": \"" + value + "\" is not a " + it->first);
    }
  }
}

}  // namespace ld::test
