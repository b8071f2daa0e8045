#include "domain/customers/customer_patch.hpp"

#include <array>
#include <string_view>

#include "core/violations.hpp"
#include "domain/customers/customer_input.hpp"
#include "domain/customers/customer_json.hpp"

namespace ld {

namespace {
constexpr std::array<std::string_view, 3> kReadOnly = {"id", "created_at", "updated_at"};
constexpr std::array<std::string_view, 2> kRequired = {"name", "email"};
}  // namespace

Customer apply_merge_patch(const Customer& current, const nlohmann::json& patch) {
  Violations v;
  nlohmann::json changes = patch;
  for (const auto key : kReadOnly) {
    if (patch.contains(key)) {
      v.add(std::string(key), "is read-only");
      changes.erase(std::string(key));
    }
  }
  // Dropped from the merge so the field keeps its value and only this message is reported,
  // not a second "is required" for the same field.
  for (const auto key : kRequired) {
    const auto it = patch.find(key);
    if (it != patch.end() && it->is_null()) {
      v.add(std::string(key), "is required and cannot be removed");
      changes.erase(std::string(key));
    }
  }
  nlohmann::json doc = writable_json(current);
  doc.merge_patch(changes);
  Customer next = read_customer(doc, v);
  v.throw_if_any();
  next.id = current.id;
  next.created_at = current.created_at;
  next.updated_at = current.updated_at;
  return next;
}

void validate_merge_patch(const nlohmann::json& patch) {
  // Any valid customer serves: fields the patch leaves alone are valid there, so every
  // violation reported comes from the patch itself.
  Customer placeholder;
  placeholder.name = "placeholder";
  placeholder.email = "placeholder@example.com";
  apply_merge_patch(placeholder, patch);
}

}  // namespace ld
