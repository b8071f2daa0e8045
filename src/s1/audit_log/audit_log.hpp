// s1_log.json: every attempt S1 makes, as one JSON array that is valid at every moment, also
// when S1 is killed mid-run (log_writer.hpp says how).
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "s1/audit_log/log_writer.hpp"

namespace ld::s1 {

class AuditLog {
 public:
  // Creates or truncates `path` and writes an empty array. Throws std::runtime_error naming the
  // path when it cannot be written.
  explicit AuditLog(const std::string& path);
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  // The next sequence number, taken when a request is sent, so `seq` follows the send order.
  std::uint64_t reserve();

  // Writes the entry for a reserved number (its "seq" field is set here). Entries are written in
  // sequence order: one whose predecessors are still in flight waits in memory until they land.
  void record(std::uint64_t seq, nlohmann::ordered_json entry);

  // reserve() and record() at once, for an exchange that already happened.
  std::uint64_t append(nlohmann::ordered_json entry);

  const std::string& path() const { return path_; }
  std::uint64_t entries_written() const;

 private:
  std::string path_;
  LogWriter writer_;
  mutable std::mutex mutex_;
  std::uint64_t next_seq_ = 1;       // next number reserve() hands out
  std::uint64_t next_to_write_ = 1;  // the entry the file is waiting for
  std::map<std::uint64_t, std::string> waiting_;
  std::uint64_t written_ = 0;
};

}  // namespace ld::s1
