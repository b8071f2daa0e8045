// Runs a call expected to throw an ld::Error of one kind and returns the field paths it names.
#pragma once

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace ld::test {

template <class Fn>
std::vector<std::string> error_fields(ErrorKind kind, Fn&& fn) {
  try {
    fn();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), kind) << e.detail();
    std::vector<std::string> fields;
    for (const auto& f : e.fields()) fields.push_back(f.field);
    return fields;
  }
  ADD_FAILURE() << "expected an ld::Error";
  return {};
}

}  // namespace ld::test
