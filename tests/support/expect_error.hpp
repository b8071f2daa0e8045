// Runs a call that must throw an ld::Error of one kind, and hands back the error, so a test can
// look at the fields it names. The one home of this check for every test level.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace ld::test {

struct ThrownError {
  ErrorKind kind = ErrorKind::internal;
  std::vector<std::string> fields;
};

template <class Fn>
ThrownError expect_error(ErrorKind kind, Fn&& fn) {
  ThrownError thrown;
  try {
    fn();
    ADD_FAILURE() << "expected an ld::Error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), kind) << e.detail();
    thrown.kind = e.kind();
    for (const auto& f : e.fields()) thrown.fields.push_back(f.field);
  }
  return thrown;
}

// The field paths the error names.
template <class Fn>
std::vector<std::string> error_fields(ErrorKind kind, Fn&& fn) {
  return expect_error(kind, std::forward<Fn>(fn)).fields;
}

// The field paths a 400 names: what validation tests look at.
template <class Fn>
std::vector<std::string> violation_fields(Fn&& fn) {
  return error_fields(ErrorKind::invalid, std::forward<Fn>(fn));
}

}  // namespace ld::test
