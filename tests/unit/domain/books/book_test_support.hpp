// What the books unit tests share: a valid book body (and violation_fields, for the 400s).
#pragma once

#include <nlohmann/json.hpp>

#include "support/expect_error.hpp"  // violation_fields

namespace ld::test {

inline nlohmann::json valid_book() {
  return {{"title", "Dom Casmurro"},
          {"authors", {"Machado de Assis"}},
          {"isbn_13", "978-85-359-0277-8"},
          {"price", {{"amount", "39.90"}, {"currency", "BRL"}}}};
}

}  // namespace ld::test
