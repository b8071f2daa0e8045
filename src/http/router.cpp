#include "http/router.hpp"

#include <map>

namespace ld::http {

namespace {

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 1;
  while (start <= path.size()) {
    const auto end = path.find('/', start);
    const auto stop = end == std::string_view::npos ? path.size() : end;
    out.push_back(path.substr(start, stop - start));
    start = stop + 1;
  }
  return out;
}

bool matches(std::string_view pattern, std::string_view path,
             std::map<std::string, std::string>& params) {
  const auto want = segments(pattern);
  const auto have = segments(path);
  if (want.size() != have.size()) return false;
  std::map<std::string, std::string> found;
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (want[i].size() > 2 && want[i].front() == '{' && want[i].back() == '}') {
      if (have[i].empty()) return false;
      found.emplace(std::string(want[i].substr(1, want[i].size() - 2)), std::string(have[i]));
    } else if (want[i] != have[i]) {
      return false;
    }
  }
  params = std::move(found);
  return true;
}

}  // namespace

void Router::add(std::string method, std::string pattern, Handler handler,
                 std::vector<std::string> query) {
  routes_.push_back({std::move(method), std::move(pattern), std::move(handler), std::move(query)});
}

Match Router::match(Request& request) const {
  Match result;
  for (const auto& route : routes_) {
    std::map<std::string, std::string> params;
    if (!matches(route.pattern, request.path, params)) continue;
    if (route.method == request.method) {
      request.route = route.pattern;
      request.params = std::move(params);
      result.kind = Match::Kind::found;
      result.route = &route;
      return result;
    }
    result.kind = Match::Kind::no_method;
    if (result.allow.find(route.method) == std::string::npos) {
      result.allow += result.allow.empty() ? route.method : ", " + route.method;
    }
  }
  return result;
}

}  // namespace ld::http
