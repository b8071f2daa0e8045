// The web console's files, served by S2 itself: "/" is the page, "/console/<file>" its scripts,
// styles and images. Every file is in the binary (s2/web_assets.hpp), so the console works on a
// machine with no internet and always matches the API it was built with.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "http/message.hpp"

namespace ld::s2 {

class ConsoleHandlers {
 public:
  ConsoleHandlers();

  // The URL paths served, "/" first.
  std::vector<std::string> paths() const;

  // GET of one of paths(): the file, or 304 when the client's copy is current.
  http::Response serve(http::Request& request) const;

 private:
  struct File {
    std::string body;
    std::string content_type;
    std::string etag;
  };
  std::map<std::string, File> files_;  // URL path -> file
};

// The media type a file is served as, from its extension.
std::string content_type_of(const std::string& path);

}  // namespace ld::s2
