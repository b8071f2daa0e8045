// The web console as the real s2 serves it: "/" and every file under /console/, with the right
// media types, revalidation headers, and nothing that reaches outside S2.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "net/http_client.hpp"
#include "support/api_client.hpp"
#include "support/s2_process.hpp"
#include "support/test_env.hpp"

namespace ld::test {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

class ConsoleFiles : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = std::make_unique<S2Process>(); }
  static void TearDownTestSuite() { server_.reset(); }

  Answer get(const std::string& path, net::Headers headers = {}) {
    return send_request(client_, "GET", server_->base_url() + path, "", std::move(headers));
  }

  inline static std::unique_ptr<S2Process> server_;
  net::HttpClient client_;
};

TEST_F(ConsoleFiles, PageIsServedAtTheRootWithItsPolicy) {
  const auto page = get("/");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(page.header("Cache-Control"), "no-cache");
  EXPECT_EQ(page.header("X-Content-Type-Options"), "nosniff");
  EXPECT_THAT(page.header("Content-Security-Policy"), HasSubstr("default-src 'self'"));
  EXPECT_THAT(page.header("Content-Security-Policy"), HasSubstr("connect-src 'self'"));
  EXPECT_THAT(page.raw.body, HasSubstr("<html lang=\"pt-BR\">"));
  EXPECT_EQ(page.raw.body, read_file(source_path("web/index.html")));
}

TEST_F(ConsoleFiles, EveryFileOfWebIsServedByteForByteWithItsType) {
  const fs::path web = source_path("web");
  int served = 0;
  for (const auto& entry : fs::recursive_directory_iterator(web)) {
    if (!entry.is_regular_file()) continue;
    const auto relative = fs::relative(entry.path(), web).generic_string();
    if (relative == "index.html") continue;
    const auto a = get("/console/" + relative);
    ASSERT_EQ(a.status, 200) << relative;
    EXPECT_EQ(a.raw.body, read_file(entry.path())) << relative;
    const auto type = a.header("Content-Type");
    if (relative.ends_with(".js")) {
      EXPECT_EQ(type, "text/javascript; charset=utf-8") << relative;
    } else if (relative.ends_with(".css")) {
      EXPECT_EQ(type, "text/css; charset=utf-8") << relative;
    } else if (relative.ends_with(".svg")) {
      EXPECT_EQ(type, "image/svg+xml") << relative;
    }
    EXPECT_EQ(a.header("Cache-Control"), "no-cache") << relative;
    EXPECT_THAT(a.header("ETag"), StartsWith("\"")) << relative;
    ++served;
  }
  EXPECT_GT(served, 5);
}

TEST_F(ConsoleFiles, CurrentCopyIsA304WithoutBody) {
  const auto first = get("/console/js/app.js");
  const auto etag = first.header("ETag");
  ASSERT_FALSE(etag.empty());
  const auto again = get("/console/js/app.js", {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.raw.body.empty());
  EXPECT_EQ(again.header("ETag"), etag);
  const auto stale = get("/console/js/app.js", {{"If-None-Match", "\"something-else\""}});
  EXPECT_EQ(stale.status, 200);
}

TEST_F(ConsoleFiles, UnknownFilesAre404) {
  EXPECT_EQ(get("/console/js/no-such-file.js").status, 404);
  EXPECT_EQ(get("/console/../CMakeLists.txt").status, 404);
  EXPECT_EQ(get("/index.html").status, 404);
}

// Every module a script imports and every file the page names is served by S2 itself: the
// console never loads code, styles or fonts from another origin.
TEST_F(ConsoleFiles, NothingIsLoadedFromOutsideS2) {
  const fs::path web = source_path("web");
  const std::regex import_re(R"re((?:from|import)\s*['"]([^'"]+)['"])re");
  const std::regex url_re(R"re((?:src|href)=["']([^"']+)["'])re");
  std::set<std::string> checked;
  for (const auto& entry : fs::recursive_directory_iterator(web)) {
    if (!entry.is_regular_file()) continue;
    const auto text = read_file(entry.path());
    const auto ext = entry.path().extension();
    if (ext != ".js" && ext != ".html" && ext != ".css") continue;
    EXPECT_THAT(text, ::testing::Not(HasSubstr("@import"))) << entry.path();
    const auto& re = ext == ".js" ? import_re : url_re;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator();
         ++it) {
      const std::string target = (*it)[1];
      EXPECT_FALSE(target.find("://") != std::string::npos || target.starts_with("//"))
          << entry.path() << " names " << target;
      if (ext != ".js") continue;
      const auto resolved =
          fs::weakly_canonical(entry.path().parent_path() / target).lexically_relative(web);
      const auto url = "/console/" + resolved.generic_string();
      if (checked.insert(url).second) {
        EXPECT_EQ(get(url).status, 200) << url;
      }
    }
  }
  EXPECT_GT(checked.size(), 5u);
}

}  // namespace
}  // namespace ld::test
