// The route table's machinery: patterns such as "/customers/{id}" mapped to handlers, per method.
// The table itself lives in one place (s2/routes.cpp) so a reader finds any endpoint there.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/message.hpp"

namespace ld::http {

using Handler = std::function<Response(Request&)>;

struct Route {
  std::string method;
  std::string pattern;
  Handler handler;
  std::vector<std::string> query;  // the query parameters it takes; any other gets 400
};

struct Match {
  enum class Kind { found, no_path, no_method } kind = Kind::no_path;
  const Route* route = nullptr;
  std::string allow;  // for no_method: the methods the path does take, "GET, PATCH"
};

class Router {
 public:
  void add(std::string method, std::string pattern, Handler handler,
           std::vector<std::string> query = {});

  // Fills request.route and request.params on a match.
  Match match(Request& request) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace ld::http
