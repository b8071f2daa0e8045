// .env files: any text gives KEY=VALUE pairs without touching the environment.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/dotenv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto settings =
      ld::dotenv::parse(std::string_view(reinterpret_cast<const char*>(data), size));
  for (const auto& [key, value] : settings) {
    if (key.find('\n') != std::string::npos || value.find('\n') != std::string::npos) {
      __builtin_trap();
    }
  }
  return 0;
}
