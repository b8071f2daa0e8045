# Project-wide warnings and sanitizers, applied through one interface target so that third-party
# headers (included as SYSTEM) stay out of it.
add_library(ld_options INTERFACE)
target_compile_options(ld_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                            -Wold-style-cast -Wcast-align -Woverloaded-virtual)
if(LD_WARNINGS_AS_ERRORS)
  target_compile_options(ld_options INTERFACE -Werror)
endif()
if(LD_SANITIZE)
  target_compile_options(ld_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
                                              -fno-sanitize-recover=undefined)
  target_link_options(ld_options INTERFACE -fsanitize=address,undefined)
endif()
if(LD_FUZZ)
  # Coverage feedback for libFuzzer in every library the fuzz targets link.
  target_compile_options(ld_options INTERFACE -fsanitize=fuzzer-no-link)
endif()
