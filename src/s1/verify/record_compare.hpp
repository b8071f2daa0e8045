// Field-by-field comparison of what S1 sent (normalised the way S2 promises to store it: CPF
// as 11 digits, CEP as 8, UF upper case, ISBN digits, amounts "39.90", text trimmed) with what
// S2 returns now.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ld::s1 {

struct Difference {
  std::string field;     // addresses[0].postal_code, items[1].title, price.amount
  std::string expected;  // JSON text, or "(absent)"
  std::string found;
};

// The sent bodies as S2 should hold them (a record S2 returned is already in that form).
nlohmann::json expected_customer(const nlohmann::json& sent);
nlohmann::json expected_book(const nlohmann::json& sent);

std::vector<Difference> compare_customer(const nlohmann::json& sent, const nlohmann::json& stored);
// `stock_taken`: what the acknowledged orders took from the book's stock since it was created.
std::vector<Difference> compare_book(const nlohmann::json& sent, const nlohmann::json& stored,
                                     std::int64_t stock_taken = 0);

// `acknowledged` is S2's 201 body; `books` maps the ids of the books S2 acknowledged to the
// body each is expected to hold (see expected_source), to check each item's title and unit
// price snapshot.
std::vector<Difference> compare_order(const nlohmann::json& sent,
                                      const nlohmann::json& acknowledged,
                                      const nlohmann::json& stored,
                                      const std::map<std::string, nlohmann::json>& books);

std::string describe(const Difference& d);

}  // namespace ld::s1
