#include "s1/audit_log/audit_log.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace ld::s1 {

namespace {

constexpr std::string_view kClosing = "\n]";

void write_at(int fd, std::string_view data, long long offset, const std::string& path) {
  while (!data.empty()) {
    const ssize_t n = ::pwrite(fd, data.data(), data.size(), static_cast<off_t>(offset));
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error("cannot write " + path + ": " + std::strerror(errno));
    }
    data.remove_prefix(static_cast<std::size_t>(n));
    offset += n;
  }
}

}  // namespace

AuditLog::AuditLog(const std::string& path) : path_(path) {
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd_ < 0) throw std::runtime_error("cannot open " + path + ": " + std::strerror(errno));
  write_at(fd_, "[\n]", 0, path_);
  tail_ = 1;
}

AuditLog::~AuditLog() {
  if (fd_ >= 0) ::close(fd_);
}

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
    write_entry(it->second);
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

// Called with the mutex held. The entry and the closing bracket go out in ONE write at the
// offset of the previous closing bracket, so the file on disk is a complete array before and
// after every call; the only torn state needs a kill inside one write() call, which Linux allows
// only between the pages of a write larger than a page (it checks for fatal signals per page).
// No fsync per entry: the promise is to survive S1 dying, not the machine; the kernel's page
// cache outlives the process, and an fsync per entry would tie the request rate to the disk.
void AuditLog::write_entry(const std::string& text) {
  std::string chunk;
  chunk.reserve(text.size() + 4);
  chunk += written_ == 0 ? "\n" : ",\n";
  chunk += text;
  chunk += kClosing;
  write_at(fd_, chunk, tail_, path_);
  tail_ += static_cast<long long>(chunk.size() - kClosing.size());
  ++written_;
}

}  // namespace ld::s1
