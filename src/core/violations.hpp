// Collects every invalid field of a request so the client hears about all of them at once.
#pragma once

#include <string>
#include <vector>

#include "core/error.hpp"

namespace ld {

class Violations {
 public:
  void add(std::string field, std::string message) {
    fields_.push_back({std::move(field), std::move(message)});
  }
  bool empty() const { return fields_.empty(); }
  const std::vector<FieldError>& fields() const { return fields_; }

  // Throws a 400 listing every violation, if there is any.
  void throw_if_any() const {
    if (!fields_.empty()) throw invalid(fields_);
  }

 private:
  std::vector<FieldError> fields_;
};

}  // namespace ld
