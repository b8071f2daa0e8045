// Runs a validation expected to fail and returns the field paths its 400 Error names.
#pragma once

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace ld::test {

template <class Fn>
std::vector<std::string> violation_fields(Fn&& fn) {
  try {
    fn();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::invalid);
    std::vector<std::string> fields;
    for (const auto& f : e.fields()) fields.push_back(f.field);
    return fields;
  }
  ADD_FAILURE() << "expected a 400 Error";
  return {};
}

}  // namespace ld::test
