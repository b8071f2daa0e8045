#include "s2/console_handlers.hpp"

#include "core/digest.hpp"
#include "s2/web_assets.hpp"

namespace ld::s2 {

namespace {

// Files are not renamed per build, so the browser must ask every time whether its copy is still
// good ("no-cache"); the ETag makes that answer a bodyless 304 when nothing changed.
constexpr const char* kCacheControl = "no-cache";

// The page may load only what S2 serves. Book covers are the one exception: they are the books'
// own data (Google Books thumbnails), loaded as images and replaced by a placeholder when the
// machine is offline.
constexpr const char* kPagePolicy =
    "default-src 'self'; img-src 'self' data: https: http:; connect-src 'self'; "
    "script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'";

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// If-None-Match holds a list of ETags, or "*".
bool matches(const std::string& if_none_match, const std::string& etag) {
  return if_none_match.find(etag) != std::string::npos || if_none_match == "*";
}

}  // namespace

std::string content_type_of(const std::string& path) {
  static const std::pair<const char*, const char*> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".json", "application/json"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".webmanifest", "application/manifest+json"},
  };
  for (const auto& [suffix, type] : kTypes) {
    if (ends_with(path, suffix)) return type;
  }
  return "application/octet-stream";
}

ConsoleHandlers::ConsoleHandlers() {
  for (const auto& asset : web_assets()) {
    const std::string file(asset.path);
    const std::string url = file == "index.html" ? "/" : "/console/" + file;
    files_[url] = {std::string(asset.body), content_type_of(file),
                   "\"" + digest::sha256_hex(asset.body).substr(0, 32) + "\""};
  }
}

std::vector<std::string> ConsoleHandlers::paths() const {
  std::vector<std::string> out;
  for (const auto& [path, file] : files_) out.push_back(path);
  return out;
}

http::Response ConsoleHandlers::serve(http::Request& request) const {
  const File& file = files_.at(request.route);
  http::Response response;
  if (matches(request.header("If-None-Match").value_or(""), file.etag)) {
    response.status = 304;
    response.content_type.clear();
  } else {
    response = http::Response::text(200, file.body, file.content_type);
  }
  response.set_header("ETag", file.etag);
  response.set_header("Cache-Control", kCacheControl);
  response.set_header("X-Content-Type-Options", "nosniff");
  if (request.route == "/") {
    response.set_header("Content-Security-Policy", kPagePolicy);
    response.set_header("Referrer-Policy", "no-referrer");
  }
  return response;
}

}  // namespace ld::s2
