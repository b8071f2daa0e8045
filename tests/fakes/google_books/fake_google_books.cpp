// A stand-in for the Google Books API on 127.0.0.1, for tests: GET /volumes searches the offline
// catalog and pages the result like Google does, and scripted behaviours (quota, bad key, server
// errors, empty results, odd volumes) are chosen by a "scenario:NAME" word in q or by
// --scenario for every request. Prints the port it listens on as the first line of stdout.
//
//   fake_google_books [--port N] [--catalog DIR] [--scenario NAME] [--require-key KEY]
//
// Scenarios: empty, quota429, quota403, invalidkey, forbidden, flaky (two 503s per page, then
// the page), retryafter (one 503 with Retry-After: 1, then the page), variants (volumes that
// vary as real ones do), dupes (pages that repeat volumes and ISBNs). GET /_requests lists the
// request targets received so far, so tests can see what the client sent.
#include <csignal>
#include <cstdio>
#include <exception>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <restinio/all.hpp>

#include "fakes/google_books/fake_catalog.hpp"
#include "fakes/google_books/scripted_answers.hpp"

namespace {

using nlohmann::json;
using namespace ld::fake_google;

struct Settings {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;
  std::string catalog = LD_FAKE_CATALOG_DIR;
  std::string scenario;     // applies to every request when set
  std::string require_key;  // when set, any other key (or none) is an invalid key
};

class FakeGoogleBooks {
 public:
  explicit FakeGoogleBooks(const Settings& settings)
      : settings_(settings), catalog_(settings.catalog) {}

  Answer volumes(const std::string& target, const restinio::query_string_params_t& params) {
    targets_.push_back(target);
    const auto param = [&](const char* name) {
      return params.has(name) ? std::string(params[name]) : std::string{};
    };
    if (!settings_.require_key.empty() && param("key") != settings_.require_key) {
      return invalid_key();
    }
    std::string scenario = settings_.scenario;
    std::vector<std::string> terms;
    for (auto& term : split_terms(param("q"))) {
      if (term.rfind("scenario:", 0) == 0) {
        scenario = term.substr(9);
      } else {
        terms.push_back(std::move(term));
      }
    }
    const long start = number(param("startIndex"), 0);
    const long max = number(param("maxResults"), 10);
    if (start < 0) return bad_parameter("Invalid value at 'start_index'");
    if (max < 0 || max > 40) return bad_parameter("Values must be within the range: [0, 40]");

    const int seen = ++attempts_[target];
    if (scenario == "empty") return {200, R"({"kind": "books#volumes", "totalItems": 0})"};
    if (scenario == "quota429") return quota_429();
    if (scenario == "quota403") return quota_403();
    if (scenario == "invalidkey") return invalid_key();
    if (scenario == "forbidden") return forbidden();
    if (scenario == "flaky" && seen <= 2) return backend_error();
    if (scenario == "retryafter" && seen == 1) {
      auto answer = backend_error();
      answer.retry_after = "1";
      return answer;
    }
    if (scenario == "variants") {
      if (start > 0) return {200, R"({"kind": "books#volumes", "totalItems": 14})"};
      return {200, variant_volumes()};
    }
    const auto found = catalog_.search(terms, param("langRestrict"));
    return {200, page(found, static_cast<std::size_t>(start), static_cast<std::size_t>(max),
                      scenario == "dupes")};
  }

  std::string requests() const { return json(targets_).dump(); }

 private:
  static long number(const std::string& text, long fallback) {
    if (text.empty()) return fallback;
    try {
      return std::stol(text);
    } catch (const std::exception&) {
      return -1;
    }
  }

  // Google's totalItems is an estimate; this one is deliberately wrong so that clients that
  // trust it get caught. Past the end there is no `items` key at all, as with Google.
  static std::string page(const std::vector<const json*>& found, std::size_t start, std::size_t max,
                          bool dupes) {
    std::vector<json> results;
    for (std::size_t i = 0; i < found.size(); ++i) {
      results.push_back(*found[i]);
      // With dupes, every third volume is followed by a repeat of an earlier one and by another
      // record of an earlier edition (a new volume id, the same ISBNs), as Google's results do.
      if (dupes && i % 3 == 2) {
        results.push_back(*found[i - 2]);
        json again = *found[i - 1];
        again["id"] = again["id"].get<std::string>().substr(0, 8) + "_dup";
        results.push_back(std::move(again));
      }
    }
    json doc = {{"kind", "books#volumes"}, {"totalItems", found.size() * 2 + 7}};
    json items = json::array();
    for (std::size_t i = start; i < results.size() && i < start + max; ++i) {
      items.push_back(results[i]);
    }
    if (!items.empty()) doc["items"] = std::move(items);
    return doc.dump();
  }

  Settings settings_;
  FakeCatalog catalog_;
  std::vector<std::string> targets_;
  std::map<std::string, int> attempts_;
};

Settings parse_arguments(int argc, char** argv) {
  Settings settings;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) throw std::invalid_argument("missing value after " + flag);
    const std::string value = argv[++i];
    if (flag == "--port") {
      settings.port = static_cast<std::uint16_t>(std::stoi(value));
    } else if (flag == "--host") {
      settings.host = value;
    } else if (flag == "--catalog") {
      settings.catalog = value;
    } else if (flag == "--scenario") {
      settings.scenario = value;
    } else if (flag == "--require-key") {
      settings.require_key = value;
    } else {
      throw std::invalid_argument("unknown option " + flag);
    }
  }
  return settings;
}

void reply(const restinio::request_handle_t& req, const Answer& answer) {
  auto out = req->create_response(restinio::http_status_line_t{
      restinio::http_status_code_t{static_cast<std::uint16_t>(answer.status)},
      answer.status == 200 ? "OK" : "Error"});
  out.append_header(restinio::http_field::content_type, "application/json; charset=UTF-8");
  if (!answer.retry_after.empty()) out.append_header("Retry-After", answer.retry_after);
  out.set_body(answer.body);
  out.done();
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Settings settings = parse_arguments(argc, argv);
    FakeGoogleBooks fake(settings);
    auto handler = [&fake](const restinio::request_handle_t& req) {
      const auto& head = req->header();
      const std::string path(head.path());
      if (head.method() != restinio::http_method_get()) {
        reply(req, {405, R"({"error": {"code": 405, "message": "Method Not Allowed"}})"});
      } else if (path == "/_requests") {
        reply(req, {200, fake.requests()});
      } else if (path == "/volumes" || path == "/books/v1/volumes") {
        const auto params =
            restinio::try_parse_query<restinio::parse_query_traits::relaxed>(head.query());
        if (!params) {
          reply(req, bad_parameter("Malformed query string"));
        } else {
          reply(req, fake.volumes(std::string(head.request_target()), *params));
        }
      } else {
        reply(req, {404, R"({"error": {"code": 404, "message": "Not Found"}})"});
      }
      return restinio::request_accepted();
    };
    // The port is printed only once the server listens, so a reader can connect at once.
    using Traits = restinio::default_single_thread_traits_t;
    asio::io_context io;
    std::uint16_t bound = 0;
    std::exception_ptr failure;
    restinio::http_server_t<Traits> server{
        restinio::external_io_context(io),
        restinio::server_settings_t<Traits>{}
            .address(settings.host)
            .port(settings.port)
            .acceptor_post_bind_hook([&bound](asio::ip::tcp::acceptor& acceptor) {
              bound = acceptor.local_endpoint().port();
            })
            .request_handler(std::move(handler))};
    asio::signal_set stop_signals{io, SIGINT, SIGTERM};
    stop_signals.async_wait([&](const asio::error_code& ec, int) {
      if (!ec) server.close_async([&io] { io.stop(); }, [&io](std::exception_ptr) { io.stop(); });
    });
    server.open_async([&bound] { std::cout << bound << std::endl; },
                      [&io, &failure](std::exception_ptr ex) {
                        failure = ex;
                        io.stop();
                      });
    io.run();
    if (failure) std::rethrow_exception(failure);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "fake_google_books: " << e.what() << "\n";
    return 1;
  }
}
