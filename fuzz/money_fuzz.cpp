// Prices: {"amount": ..., "currency": ...} in every shape a client can send, and the amount as
// a bare string or number.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/money.hpp"
#include "core/violations.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  ld::Violations v;
  const auto as_json = nlohmann::json::parse(text, nullptr, false);
  if (!as_json.is_discarded()) ld::read_money(as_json, "price", v);
  // The amount alone, as a string, in an otherwise valid price.
  const auto money = ld::read_money({{"amount", text}, {"currency", "BRL"}}, "price", v);
  if (money) {
    // What was accepted must print back as an amount that reads the same.
    const auto again =
        ld::read_money({{"amount", ld::format_amount(money->cents)}, {"currency", "BRL"}}, "p", v);
    if (!again || again->cents != money->cents) __builtin_trap();
  }
  ld::is_iso4217(text);
  return 0;
}
