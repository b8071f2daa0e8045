// s1_log.json as `s1 verify` reads it: any file is either read or refused with a clear error.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string>

#include "s1/verify/acknowledged.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = "/tmp/ld-fuzz-audit-" + std::to_string(::getpid()) + ".json";
  if (FILE* file = std::fopen(path.c_str(), "wb")) {
    std::fwrite(data, 1, size, file);
    std::fclose(file);
  }
  try {
    ld::s1::read_acknowledged(path);
  } catch (const std::runtime_error&) {
  }
  return 0;
}
