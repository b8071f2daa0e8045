// What the books unit tests share: a valid book body and a way to see which fields a 400 names.
#pragma once

#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace ld::test {

inline nlohmann::json valid_book() {
  return {{"title", "Dom Casmurro"},
          {"authors", {"Machado de Assis"}},
          {"isbn_13", "978-85-359-0277-8"},
          {"price", {{"amount", "39.90"}, {"currency", "BRL"}}}};
}

// The field paths a 400 from `read` names; fails the test when `read` does not throw a 400.
template <class Read>
std::vector<std::string> rejected_fields(Read&& read) {
  try {
    read();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::invalid);
    std::vector<std::string> fields;
    for (const auto& f : e.fields()) fields.push_back(f.field);
    return fields;
  }
  ADD_FAILURE() << "expected a 400";
  return {};
}

}  // namespace ld::test
