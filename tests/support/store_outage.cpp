#include "support/store_outage.hpp"

#include <signal.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>

#include "support/test_env.hpp"

namespace ld::test {

namespace {

std::string stores_script() {
  return source_path("scripts/stores.sh");
}

// What `stores.sh pid <store>` prints: the server's process id, or 0 when it is not running.
pid_t server_pid(LocalStore store) {
  const std::string command = stores_script() + " pid " + store_name(store) + " 2>/dev/null";
  const std::unique_ptr<FILE, int (*)(FILE*)> out(::popen(command.c_str(), "r"), ::pclose);
  if (!out) return 0;
  long pid = 0;
  if (std::fscanf(out.get(), "%ld", &pid) != 1) return 0;
  return static_cast<pid_t>(pid);
}

}  // namespace

const char* store_name(LocalStore store) {
  switch (store) {
    case LocalStore::postgres:
      return "postgres";
    case LocalStore::redis:
      return "redis";
    case LocalStore::mongodb:
      return "mongodb";
  }
  return "";
}

StoreKilled::StoreKilled(LocalStore store) : store_(store) {
  const pid_t pid = server_pid(store);
  killed_ = pid > 0 && ::kill(pid, SIGKILL) == 0;
  if (!killed_) return;
  // Gone only once its parent reaps it: until then the process still answers kill(pid, 0), and
  // a PostgreSQL started meanwhile takes its lock file for a live postmaster and refuses to start.
  const auto proc = "/proc/" + std::to_string(pid);
  for (int i = 0; i < 200 && ::access(proc.c_str(), F_OK) == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

StoreKilled::~StoreKilled() {
  start();
}

void StoreKilled::start() {
  if (started_ || !killed_) return;
  started_ = true;
  const std::string command = stores_script() + " start " + store_name(store_) + " >/dev/null";
  EXPECT_EQ(std::system(command.c_str()), 0) << command;
}

}  // namespace ld::test
