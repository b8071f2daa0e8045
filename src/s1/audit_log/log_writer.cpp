#include "s1/audit_log/log_writer.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <limits>
#include <stdexcept>

namespace ld::s1 {

namespace {

// What the writer answers for each entry: 0, or the errno of the failed write.
using Status = std::int32_t;

bool write_all(int fd, const void* data, std::size_t size) {
  const auto* p = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t n = ::write(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

// False at end of input, including in the middle of `size`: a sender that died mid-entry.
bool read_all(int fd, void* data, std::size_t size) {
  auto* p = static_cast<char*>(data);
  while (size > 0) {
    const ssize_t n = ::read(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

int pwrite_all(int fd, const char* data, std::size_t size, off_t offset) {
  while (size > 0) {
    const ssize_t n = ::pwrite(fd, data, size, offset);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errno;
    data += n;
    size -= static_cast<std::size_t>(n);
    offset += n;
  }
  return 0;
}

// Closes every descriptor but stderr and the three it needs, so that no other pipe (another
// log's, in a process with several) is kept open by this child.
void close_between(int first, int last) {
  if (first > last) return;
  if (::close_range(static_cast<unsigned>(first), static_cast<unsigned>(last), 0) == 0) return;
  // Kernels before 5.9 have no close_range: one by one, up to the process's descriptor limit.
  const long limit = ::sysconf(_SC_OPEN_MAX);
  const int end = std::min(last, limit > 0 && limit < 1'048'576 ? static_cast<int>(limit) : 65'536);
  for (int fd = first; fd <= end; ++fd) ::close(fd);
}

void close_all_but(int a, int b, int c) {
  int keep[] = {a, b, c};
  std::sort(std::begin(keep), std::end(keep));
  ::close(0);
  ::close(1);
  int from = 3;
  for (int fd : keep) {
    close_between(from, fd - 1);
    from = fd + 1;
  }
  close_between(from, std::numeric_limits<int>::max());
}

// The writer's whole life. It runs in the child of a process that may have other threads, so
// it keeps to system calls (no malloc: another thread may have held its lock at the fork) and
// leaves with _exit.
[[noreturn]] void run_writer(int entries, int statuses, int file) {
  ::signal(SIGINT, SIG_IGN);  // Ctrl-C stops S1; the writer ends when S1's pipe closes
  ::signal(SIGTERM, SIG_IGN);
  ::signal(SIGPIPE, SIG_IGN);
  close_all_but(entries, statuses, file);
  std::size_t capacity = 0;
  char* buffer = nullptr;
  off_t tail = 1;  // offset of the closing "\n]", just after "["
  bool first = true;
  for (;;) {
    std::uint64_t size = 0;
    if (!read_all(entries, &size, sizeof size)) ::_exit(0);
    const std::size_t needed = static_cast<std::size_t>(size) + 4;  // ",\n" entry "\n]"
    if (needed > capacity) {
      const std::size_t grown = (needed + 0xFFFF) & ~std::size_t{0xFFFF};
      void* p = buffer == nullptr ? ::mmap(nullptr, grown, PROT_READ | PROT_WRITE,
                                           MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
                                  : ::mremap(buffer, capacity, grown, MREMAP_MAYMOVE);
      if (p == MAP_FAILED) ::_exit(3);
      buffer = static_cast<char*>(p);
      capacity = grown;
    }
    if (!read_all(entries, buffer + 2, static_cast<std::size_t>(size))) ::_exit(0);
    buffer[0] = ',';
    buffer[1] = '\n';
    buffer[2 + size] = '\n';
    buffer[3 + size] = ']';
    const std::size_t skip = first ? 1 : 0;  // the first entry needs no comma
    const Status status =
        pwrite_all(file, buffer + skip, static_cast<std::size_t>(size) + 4 - skip, tail);
    if (status == 0) {
      tail += static_cast<off_t>(size + 2 - skip);
      first = false;
    }
    if (!write_all(statuses, &status, sizeof status)) ::_exit(0);
  }
}

[[noreturn]] void fail(const std::string& path, const char* what) {
  throw std::runtime_error("cannot " + std::string(what) + " " + path + ": " +
                           std::strerror(errno));
}

}  // namespace

LogWriter::LogWriter(const std::string& path) : path_(path) {
  // Locked before it is emptied: a log another s1 is still writing is left alone.
  const int file = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (file < 0) fail(path, "open");
  if (::flock(file, LOCK_EX | LOCK_NB) != 0) {
    ::close(file);
    throw std::runtime_error("cannot write " + path + ": another s1 is writing it");
  }
  if (::ftruncate(file, 0) != 0 || pwrite_all(file, "[\n]", 3, 0) != 0) {
    ::close(file);
    fail(path, "write");
  }
  int entries[2];
  int statuses[2];
  if (::pipe2(entries, O_CLOEXEC) != 0) {
    ::close(file);
    fail(path, "start the writer of");
  }
  if (::pipe2(statuses, O_CLOEXEC) != 0) {
    for (int fd : {file, entries[0], entries[1]}) ::close(fd);
    fail(path, "start the writer of");
  }
  const pid_t child = ::fork();
  if (child == 0) run_writer(entries[0], statuses[1], file);
  const int saved = errno;
  // The parent keeps only its ends; the file and its lock now belong to the writer.
  ::close(file);
  ::close(entries[0]);
  ::close(statuses[1]);
  if (child < 0) {
    ::close(entries[1]);
    ::close(statuses[0]);
    errno = saved;
    fail(path, "start the writer of");
  }
  writer_ = child;
  to_writer_ = entries[1];
  from_writer_ = statuses[0];
}

LogWriter::~LogWriter() {
  ::close(to_writer_);
  Status ignored;
  while (read_all(from_writer_, &ignored, sizeof ignored)) {
  }
  ::close(from_writer_);
  int status = 0;
  while (::waitpid(writer_, &status, 0) < 0 && errno == EINTR) {
  }
}

void LogWriter::write(std::string_view entry) {
  const std::uint64_t size = entry.size();
  Status status = 0;
  if (!write_all(to_writer_, &size, sizeof size) ||
      !write_all(to_writer_, entry.data(), entry.size()) ||
      !read_all(from_writer_, &status, sizeof status)) {
    errno = EPIPE;
    fail(path_, "write (the log writer stopped)");
  }
  if (status != 0) {
    errno = status;
    fail(path_, "write");
  }
}

bool log_being_written(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool locked = ::flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  ::close(fd);
  return locked;
}

void wait_until_written(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;  // nothing there: the reader will say so
  while (::flock(fd, LOCK_SH) != 0 && errno == EINTR) {
  }
  ::close(fd);
}

}  // namespace ld::s1
