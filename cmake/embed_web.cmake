# Writes a C++ source holding every file under WEB_DIR as a character array, so S2 serves its
# console from its own binary: nothing to install beside it, nothing to find at run time, and the
# files served always match the build. Run as a build step (cmake -P) whenever a file changes.
#   cmake -DWEB_DIR=<dir> -DOUTPUT=<file.cpp> -P embed_web.cmake
file(GLOB_RECURSE files RELATIVE ${WEB_DIR} ${WEB_DIR}/*)
list(SORT files)
set(arrays "")
set(entries "")
set(index 0)
foreach(path ${files})
  file(READ ${WEB_DIR}/${path} hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
  # Long lines keep compilers happy; one line per 32 bytes.
  string(REGEX REPLACE "(('\\\\x[0-9a-f][0-9a-f]',){32})" "\\1\n    " bytes "${bytes}")
  string(APPEND arrays "// ${path}\nconstexpr char k${index}[] = {\n    ${bytes}'\\0'};\n")
  string(APPEND entries "      {\"${path}\", std::string_view(k${index}, sizeof k${index} - 1)},\n")
  math(EXPR index "${index} + 1")
endforeach()
set(source "// Produced by cmake/embed_web.cmake from web/; edit those files, not this one.
#include \"s2/web_assets.hpp\"

namespace ld::s2 {

namespace {
${arrays}}  // namespace

std::span<const WebAsset> web_assets() {
  static constexpr WebAsset kAssets[] = {
${entries}  };
  return kAssets;
}

}  // namespace ld::s2
")
# Rewrite only on change, so an unrelated rebuild does not recompile it.
file(CONFIGURE OUTPUT ${OUTPUT} CONTENT "${source}" @ONLY)
