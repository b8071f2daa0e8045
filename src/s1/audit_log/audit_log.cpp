#include "s1/audit_log/audit_log.hpp"

namespace ld::s1 {

AuditLog::AuditLog(const std::string& path) : path_(path), writer_(path) {}

std::uint64_t AuditLog::reserve() {
  std::lock_guard lock(mutex_);
  return next_seq_++;
}

void AuditLog::record(std::uint64_t seq, nlohmann::ordered_json entry) {
  // "seq" first, whatever order the caller built the entry in, so the file reads naturally.
  nlohmann::ordered_json ordered;
  ordered["seq"] = seq;
  for (auto& [key, value] : entry.items()) {
    if (key != "seq") ordered[key] = std::move(value);
  }
  // Bodies come from the network; a byte that is not UTF-8 must not make the log unwritable.
  std::string text = ordered.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);

  std::lock_guard lock(mutex_);
  waiting_.emplace(seq, std::move(text));
  for (auto it = waiting_.find(next_to_write_); it != waiting_.end();
       it = waiting_.find(next_to_write_)) {
    writer_.write(it->second);
    ++written_;
    waiting_.erase(it);
    ++next_to_write_;
  }
}

std::uint64_t AuditLog::append(nlohmann::ordered_json entry) {
  const auto seq = reserve();
  record(seq, std::move(entry));
  return seq;
}

std::uint64_t AuditLog::entries_written() const {
  std::lock_guard lock(mutex_);
  return written_;
}

}  // namespace ld::s1
