// A plain TCP connection to s2 on loopback, for requests written byte by byte.
#pragma once

#include <chrono>
#include <string>

namespace ld::test {

class RawConnection {
 public:
  explicit RawConnection(int port);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  // Writes all of `bytes`; false when the server has closed the connection.
  bool send(const std::string& bytes);
  // Reads until the server closes the connection or `within` passes.
  std::string read_until_closed(std::chrono::milliseconds within = std::chrono::seconds(10));
  // Reads until `marker` has arrived, the connection closes or `within` passes.
  std::string read_until(const std::string& marker,
                         std::chrono::milliseconds within = std::chrono::seconds(10));

 private:
  int fd_ = -1;
  std::string received_;
};

// "HTTP/1.1 413 Content Too Large\r\n..." -> 413; 0 when there is no status line.
int status_of(const std::string& response);

}  // namespace ld::test
