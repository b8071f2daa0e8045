// The process that writes s1_log.json on S1's behalf.
//
// Each entry goes into the file with one pwrite() of the entry and the closing "]" at the offset
// of the previous "]", so the file is a complete array before and after every write. A write is
// only all-or-nothing, though, while nothing kills the writer: Linux checks for a fatal signal
// between the pages of a write, so a kill -9 of S1 in the middle of a large entry (Google Books
// pages are tens of KiB) would leave half of it behind. Hence the writing happens in a small
// child process that S1 feeds through a pipe. When S1 is killed, the child sees the pipe close,
// finishes the entry it was writing (an entry S1 had not finished sending is dropped whole) and
// exits. S1 waits for each entry to be written, so entries land in order and errors (a full disk)
// reach the caller of write().
//
// The child holds an exclusive flock() on the log while it lives; wait_until_written() lets a
// reader (s1 verify, a test) wait for a killed run's last entry.
#pragma once

#include <sys/types.h>

#include <string>
#include <string_view>

namespace ld::s1 {

class LogWriter {
 public:
  // Creates or truncates `path`, writes an empty array and starts the writer process. Throws
  // std::runtime_error naming the path when it cannot.
  explicit LogWriter(const std::string& path);
  // Closes the pipe and waits for the writer to finish.
  ~LogWriter();
  LogWriter(const LogWriter&) = delete;
  LogWriter& operator=(const LogWriter&) = delete;

  // Appends one entry (a JSON object's text) to the array; returns once it is in the file.
  void write(std::string_view entry);

 private:
  std::string path_;
  int to_writer_ = -1;    // pipe: entries, each as an 8-byte length and the text
  int from_writer_ = -1;  // pipe: one status per entry written
  pid_t writer_ = -1;
};

// Whether a process (a running or just killed s1's writer) is still writing the log at `path`.
bool log_being_written(const std::string& path);
// Waits until no process is writing the log at `path` (returns at once for a finished log).
void wait_until_written(const std::string& path);

}  // namespace ld::s1
