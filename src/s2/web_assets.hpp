// The web console's files (web/ in the source tree), compiled into S2 by cmake/embed_web.cmake:
// the binary carries its console, so it serves the very files it was built with and needs no
// directory beside it at run time.
#pragma once

#include <span>
#include <string_view>

namespace ld::s2 {

struct WebAsset {
  std::string_view path;  // relative to web/, "index.html", "js/app.js"
  std::string_view body;
};

std::span<const WebAsset> web_assets();

}  // namespace ld::s2
