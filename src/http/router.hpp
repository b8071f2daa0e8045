// The route table's machinery: patterns such as "/customers/{id}" mapped to handlers, per method.
// The table itself lives in one place (s2/routes.cpp) so a reader finds any endpoint there. The
// handler type is the application's: the router only matches paths and methods.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace ld::http {

// Whether `path` fits `pattern`; on a match, `params` holds the {name} segments' values.
bool matches_pattern(std::string_view pattern, std::string_view path,
                     std::map<std::string, std::string>& params);

template <class Handler>
struct BasicRoute {
  std::string method;
  std::string pattern;
  Handler handler;
  std::vector<std::string> query;  // the query parameters it takes; any other gets 400
};

enum class MatchKind { found, no_path, no_method };

template <class Handler>
struct BasicMatch {
  using Kind = MatchKind;
  Kind kind = Kind::no_path;
  const BasicRoute<Handler>* route = nullptr;
  std::string allow;  // for no_method: the methods the path does take, "GET, PATCH"
};

template <class Handler>
class BasicRouter {
 public:
  void add(std::string method, std::string pattern, Handler handler,
           std::vector<std::string> query = {}) {
    routes_.push_back(
        {std::move(method), std::move(pattern), std::move(handler), std::move(query)});
  }

  // Fills request.route and request.params on a match.
  BasicMatch<Handler> match(Request& request) const {
    BasicMatch<Handler> result;
    for (const auto& route : routes_) {
      std::map<std::string, std::string> params;
      if (!matches_pattern(route.pattern, request.path, params)) continue;
      if (route.method == request.method) {
        request.route = route.pattern;
        request.params = std::move(params);
        result.kind = MatchKind::found;
        result.route = &route;
        return result;
      }
      result.kind = MatchKind::no_method;
      if (result.allow.find(route.method) == std::string::npos) {
        result.allow += result.allow.empty() ? route.method : ", " + route.method;
      }
    }
    return result;
  }

  const std::vector<BasicRoute<Handler>>& routes() const { return routes_; }

 private:
  std::vector<BasicRoute<Handler>> routes_;
};

// A handler that needs nothing but the request.
using Handler = std::function<Response(Request&)>;
using Route = BasicRoute<Handler>;
using Match = BasicMatch<Handler>;
using Router = BasicRouter<Handler>;

}  // namespace ld::http
