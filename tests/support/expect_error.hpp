// Runs a call that must throw an ld::Error of one kind, and hands back the error, so a test can
// look at the fields it names.
#pragma once

#include <string>
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

}  // namespace ld::test
