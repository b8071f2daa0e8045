// Raw bytes from a client through the request gate, split at a point the input chooses: what
// the gate clears is always a prefix of what arrived, whatever it refuses.
#include <cstddef>
#include <cstdint>
#include <string>

#include "http/request_gate.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static ld::http::BodyBudget budget(4 * 1024 * 1024);
  static const ld::http::GateRules rules = [] {
    ld::http::GateRules r;
    r.limits.max_target_bytes = 256;
    r.limits.max_head_bytes = 1024;
    r.limits.max_body_bytes = 4096;
    r.budget = &budget;
    r.check = [](const ld::http::RequestHead& head) -> std::optional<ld::http::Response> {
      if (head.method == "DELETE") return ld::http::Response::no_content();
      return std::nullopt;
    };
    return r;
  }();
  const std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::size_t step = data[0] == 0 ? bytes.size() + 1 : data[0];
  {
    ld::http::RequestGate gate(rules);
    std::string cleared;
    for (std::size_t at = 0; at < bytes.size(); at += step) {
      gate.take(bytes.data() + at, std::min(step, bytes.size() - at));
      cleared += gate.cleared();
      gate.cleared().clear();
    }
    if (bytes.compare(0, cleared.size(), cleared) != 0) __builtin_trap();
  }
  // Every gate gave its share of the body budget back.
  if (budget.in_use() != 0) __builtin_trap();
  return 0;
}
