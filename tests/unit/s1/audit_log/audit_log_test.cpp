// The audit log's promises: a JSON array at every moment (after each append, across threads, and
// after a kill -9 in the middle of writing), entries in send order, secrets never written.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <sstream>
#include <thread>

#include "s1/audit_log/audit_entry.hpp"
#include "s1/audit_log/audit_log.hpp"
#include "s1/audit_log/log_writer.hpp"

namespace {

using nlohmann::json;
using nlohmann::ordered_json;

std::string temp_path(const std::string& name) {
  return ::testing::TempDir() + "/" + name + "-" + std::to_string(::getpid()) + ".json";
}

json read_json(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());  // throws when the file is not valid JSON
}

ordered_json entry_with_body(std::size_t bytes) {
  return {{"phase", "customers"}, {"body", std::string(bytes, 'x')}};
}

TEST(AuditLog, IsAnEmptyArrayBeforeTheFirstEntry) {
  const auto path = temp_path("empty");
  ld::s1::AuditLog log(path);
  EXPECT_EQ(read_json(path), json::array());
}

TEST(AuditLog, IsValidJsonAfterEveryAppend) {
  const auto path = temp_path("every-append");
  ld::s1::AuditLog log(path);
  // Sizes from a few bytes to two pages, in no order. Each check parses the whole file, so the
  // cost grows with the square of the appends: 24 of them keep it well under a second with the
  // sanitizers and still see every size class.
  for (std::size_t i = 1; i <= 24; ++i) {
    log.append(entry_with_body(i * 2003 % 9000));
    const auto parsed = read_json(path);
    ASSERT_TRUE(parsed.is_array());
    ASSERT_EQ(parsed.size(), i);
    EXPECT_EQ(parsed.back()["seq"], i);
  }
}

TEST(AuditLog, WritesEntriesInSendOrderWhenAnswersArriveOutOfOrder) {
  const auto path = temp_path("order");
  ld::s1::AuditLog log(path);
  const auto first = log.reserve();
  const auto second = log.reserve();
  const auto third = log.reserve();
  log.record(third, {{"phase", "third"}});
  EXPECT_EQ(read_json(path).size(), 0u);  // waits for the earlier two
  log.record(first, {{"phase", "first"}});
  EXPECT_EQ(read_json(path).size(), 1u);
  log.record(second, {{"phase", "second"}});
  const auto parsed = read_json(path);
  ASSERT_EQ(parsed.size(), 3u);
  EXPECT_EQ(parsed[0]["phase"], "first");
  EXPECT_EQ(parsed[1]["phase"], "second");
  EXPECT_EQ(parsed[2]["phase"], "third");
  EXPECT_EQ(parsed[2]["seq"], 3);
}

TEST(AuditLog, StaysValidWithManyWritersAtOnce) {
  const auto path = temp_path("threads");
  ld::s1::AuditLog log(path);
  std::vector<std::thread> writers;
  for (int t = 0; t < 8; ++t) {
    writers.emplace_back([&log, t] {
      for (int i = 0; i < 100; ++i)
        log.append(entry_with_body(static_cast<std::size_t>(t * 31 + i)));
    });
  }
  for (auto& w : writers) w.join();
  const auto parsed = read_json(path);
  ASSERT_EQ(parsed.size(), 800u);
  for (std::size_t i = 0; i < parsed.size(); ++i) EXPECT_EQ(parsed[i]["seq"], i + 1);
}

TEST(AuditLog, StaysValidJsonWhenS1IsKilledMidLoopWhateverTheEntrySize) {
  // Eight kill times, from 0 to 70 ms after the child's first entry: what the child wrote is
  // parsed after each, so the rounds and their length are what this test costs. Counting from the
  // first entry, not from the fork, keeps a slow start on a busy machine from leaving nothing.
  for (int round = 0; round < 8; ++round) {
    const auto path = temp_path("killed-" + std::to_string(round));
    int first_entry[2];
    ASSERT_EQ(::pipe(first_entry), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      ::close(first_entry[0]);
      ld::s1::AuditLog log(path);
      // From a few bytes to 200 KB (Google Books pages are tens of KB): one write() of such an
      // entry spans many pages, which a kill could cut between had S1 written it itself.
      for (std::size_t i = 0;; ++i) {
        log.append(entry_with_body(100 + i * 7919 % 200'000));
        if (i == 0) {
          const char written = 1;
          [[maybe_unused]] const auto sent = ::write(first_entry[1], &written, 1);
          ::close(first_entry[1]);
        }
      }
    }
    ::close(first_entry[1]);
    char written = 0;
    ASSERT_EQ(::read(first_entry[0], &written, 1), 1) << "round " << round;
    ::close(first_entry[0]);
    // Let it write a varying amount more, then kill it without warning.
    std::this_thread::sleep_for(std::chrono::milliseconds(round * 10));
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status));
    ld::s1::wait_until_written(path);  // the writer finishes the entry it had
    EXPECT_FALSE(ld::s1::log_being_written(path));
    json parsed;
    ASSERT_NO_THROW(parsed = read_json(path)) << "round " << round;
    ASSERT_TRUE(parsed.is_array());
    EXPECT_GT(parsed.size(), 0u);
    for (std::size_t i = 0; i < parsed.size(); ++i) ASSERT_EQ(parsed[i]["seq"], i + 1);
    ::unlink(path.c_str());
  }
}

TEST(AuditLog, IsBeingWrittenWhileOpenAndNotAfter) {
  const auto path = temp_path("open");
  {
    ld::s1::AuditLog log(path);
    log.append(entry_with_body(10));
    EXPECT_TRUE(ld::s1::log_being_written(path));
  }
  EXPECT_FALSE(ld::s1::log_being_written(path));
  EXPECT_EQ(read_json(path).size(), 1u);
  ::unlink(path.c_str());
}

TEST(AuditLog, RefusesALogAnotherRunIsStillWritingAndLeavesItAlone) {
  const auto path = temp_path("taken");
  ld::s1::AuditLog first(path);
  first.append(entry_with_body(10));
  try {
    ld::s1::AuditLog second(path);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("another s1 is writing it"), std::string::npos);
  }
  first.append(entry_with_body(10));
  EXPECT_EQ(read_json(path).size(), 2u);
  ::unlink(path.c_str());
}

TEST(AuditLog, EachLogHasItsOwnWriterAndClosingOneDoesNotWaitForAnother) {
  const auto a_path = temp_path("a");
  const auto b_path = temp_path("b");
  auto a = std::make_unique<ld::s1::AuditLog>(a_path);
  ld::s1::AuditLog b(b_path);
  a->append(entry_with_body(10));
  b.append(entry_with_body(10));
  a.reset();  // would hang if b's writer held a's pipe open
  EXPECT_FALSE(ld::s1::log_being_written(a_path));
  EXPECT_TRUE(ld::s1::log_being_written(b_path));
  ::unlink(a_path.c_str());
  ::unlink(b_path.c_str());
}

TEST(AuditLog, NamesThePathWhenItCannotBeWritten) {
  try {
    ld::s1::AuditLog log("/nonexistent-dir/s1_log.json");
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent-dir/s1_log.json"), std::string::npos);
  }
}

TEST(AuditEntry, HasTheDocumentedShape) {
  ld::s1::AttemptRecord r;
  r.sent_at = 1'764'504'000'123;
  r.phase = "customers";
  r.method = "POST";
  r.url = "http://127.0.0.1:5000/customers";
  r.request_headers = {{"Idempotency-Key", "k"}, {"X-Request-Id", "r"}};
  r.request_body = R"({"name":"Ana"})";
  r.status = 201;
  r.response_headers = {{"X-Request-Id", "r"}, {"Location", "/customers/1"}};
  r.response_body = R"({"id":1})";
  r.duration_ms = 1.8449;
  r.attempt = 2;
  const auto e = ld::s1::to_log_entry(r);
  EXPECT_EQ(e["time"], "2025-11-30T12:00:00.123Z");
  EXPECT_EQ(e["phase"], "customers");
  EXPECT_EQ(e["request"]["headers"]["Idempotency-Key"], "k");
  EXPECT_EQ(e["request"]["body"]["name"], "Ana");
  EXPECT_EQ(e["response"]["status"], 201);
  EXPECT_EQ(e["response"]["headers"]["Location"], "/customers/1");
  EXPECT_EQ(e["response"]["body"]["id"], 1);
  EXPECT_DOUBLE_EQ(e["duration_ms"].get<double>(), 1.845);
  EXPECT_EQ(e["attempt"], 2);
  EXPECT_TRUE(e["error"].is_null());
}

TEST(AuditEntry, NetworkFailureHasNoResponseAndNamesTheError) {
  ld::s1::AttemptRecord r;
  r.method = "POST";
  r.error = "Couldn't connect to server";
  const auto e = ld::s1::to_log_entry(r);
  EXPECT_TRUE(e["response"].is_null());
  EXPECT_EQ(e["error"], "Couldn't connect to server");
}

TEST(AuditEntry, BodiesThatAreJsonAreEmbeddedOthersAreStrings) {
  EXPECT_EQ(ld::s1::embed_body(R"({"a":[1,2]})")["a"][1], 2);
  EXPECT_EQ(ld::s1::embed_body("<html>oops</html>"), "<html>oops</html>");
  EXPECT_TRUE(ld::s1::embed_body("").is_null());
}

TEST(AuditEntry, NeverWritesTheBearerTokenOrAnApiKey) {
  ld::s1::AttemptRecord r;
  r.url = "https://books.example/volumes?q=x&key=SECRET123&startIndex=0";
  r.request_headers = {{"authorization", "Bearer SECRET123"}};
  r.status = 200;
  const auto text = ld::s1::to_log_entry(r).dump();
  EXPECT_EQ(text.find("SECRET123"), std::string::npos);
  EXPECT_NE(text.find("Bearer ***"), std::string::npos);
  EXPECT_NE(text.find("key=***&startIndex=0"), std::string::npos);
}

}  // namespace
