// docs/openapi.json as the tests read it: its operations, its response descriptions, and a check
// of a JSON value against one of its schemas (the OpenAPI 3.0 subset the document uses).
#pragma once

#include <map>
#include <regex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace ld::test {

// ("GET", "/customers/{id}")
using Operation = std::pair<std::string, std::string>;

class ApiDocument {
 public:
  explicit ApiDocument(nlohmann::json document);
  // Reads and parses a file; throws std::runtime_error when it cannot.
  static ApiDocument load(const std::string& path);

  const nlohmann::json& as_json() const { return document_; }

  // Every operation the document describes, methods in upper case.
  std::set<Operation> operations() const;
  // The operation object; throws std::out_of_range when the document has no such operation.
  const nlohmann::json& operation(const Operation& op) const;
  // The statuses the operation documents ("200", "400", ...).
  std::set<std::string> statuses(const Operation& op) const;
  // The response object for a status, with its $ref followed; throws when undocumented.
  const nlohmann::json& response(const Operation& op, const std::string& status) const;
  // A schema from components/schemas.
  const nlohmann::json& schema(const std::string& name) const;

  // Follows a local "$ref" (if the node has one) to the node it names.
  const nlohmann::json& resolve(const nlohmann::json& node) const;

  // How `value` breaks `schema`: one "where: what" line per violation, empty when it conforms.
  std::vector<std::string> violations(const nlohmann::json& value,
                                      const nlohmann::json& schema) const;

 private:
  void check(const nlohmann::json& value, const nlohmann::json& schema, const std::string& where,
             std::vector<std::string>& out) const;
  void check_object(const nlohmann::json& value, const nlohmann::json& schema,
                    const std::string& where, std::vector<std::string>& out) const;
  void check_string(const std::string& value, const nlohmann::json& schema,
                    const std::string& where, std::vector<std::string>& out) const;
  bool matches(const std::string& text, const std::string& pattern) const;

  nlohmann::json document_;
  mutable std::map<std::string, std::regex> patterns_;  // compiled once per pattern text
};

}  // namespace ld::test
