#include "support/scripted_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

#include <fmt/format.h>

namespace ld::test {

namespace {

const char* reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 400:
      return "Bad Request";
    case 409:
      return "Conflict";
    case 429:
      return "Too Many Requests";
    case 503:
      return "Service Unavailable";
    default:
      return "Status";
  }
}

bool send_all(int fd, const std::string& data) {
  std::size_t sent = 0;
  while (sent < data.size()) {
    const auto n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

std::string ReceivedRequest::header(const std::string& name) const {
  for (const auto& [k, v] : headers) {
    if (::strcasecmp(k.c_str(), name.c_str()) == 0) return v;
  }
  return {};
}

ScriptedServer::ScriptedServer(std::vector<ScriptedResponse> script, ScriptedResponse fallback)
    : script_(script.begin(), script.end()), fallback_(std::move(fallback)) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(listen_fd_, 16) != 0) {
    throw std::runtime_error("scripted server: cannot listen");
  }
  socklen_t len = sizeof addr;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] { serve(); });
}

ScriptedServer::~ScriptedServer() {
  ::shutdown(listen_fd_, SHUT_RDWR);
  ::close(listen_fd_);
  acceptor_.join();
  {
    std::lock_guard lock(mutex_);
    for (const int fd : open_fds_) ::shutdown(fd, SHUT_RDWR);  // wakes blocked reads
  }
  for (auto& t : connections_) t.join();
}

std::string ScriptedServer::base_url() const {
  return fmt::format("http://127.0.0.1:{}", port_);
}

std::vector<ReceivedRequest> ScriptedServer::received() const {
  std::lock_guard lock(mutex_);
  return received_;
}

ScriptedResponse ScriptedServer::next_response() {
  std::lock_guard lock(mutex_);
  if (script_.empty()) return fallback_;
  auto r = script_.front();
  script_.pop_front();
  return r;
}

void ScriptedServer::serve() {
  for (;;) {
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) return;  // the listening socket was shut down
    {
      std::lock_guard lock(mutex_);
      open_fds_.push_back(fd);
    }
    connections_.emplace_back([this, fd] {
      serve_connection(fd);
      std::lock_guard lock(mutex_);
      std::erase(open_fds_, fd);
      ::close(fd);
    });
  }
}

void ScriptedServer::serve_connection(int fd) {
  timeval timeout{5, 0};  // a test client that stops talking must not hang the destructor
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  std::string buffer;
  char chunk[4096];
  for (;;) {
    std::size_t head_end;
    while ((head_end = buffer.find("\r\n\r\n")) == std::string::npos) {
      const auto n = ::recv(fd, chunk, sizeof chunk, 0);
      if (n <= 0) return;
      buffer.append(chunk, static_cast<std::size_t>(n));
    }
    ReceivedRequest request;
    request.at = std::chrono::steady_clock::now();
    const std::string head = buffer.substr(0, head_end);
    std::size_t line_end = head.find("\r\n");
    const std::string request_line = head.substr(0, line_end);
    const auto sp1 = request_line.find(' ');
    const auto sp2 = request_line.find(' ', sp1 + 1);
    request.method = request_line.substr(0, sp1);
    request.target = request_line.substr(sp1 + 1, sp2 - sp1 - 1);
    std::size_t length = 0;
    while (line_end != std::string::npos && line_end < head.size()) {
      const auto next = head.find("\r\n", line_end + 2);
      const auto line = head.substr(
          line_end + 2, next == std::string::npos ? std::string::npos : next - line_end - 2);
      const auto colon = line.find(':');
      if (colon != std::string::npos) {
        auto value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(' '));
        request.headers.emplace_back(line.substr(0, colon), value);
        if (::strcasecmp(line.substr(0, colon).c_str(), "Content-Length") == 0) {
          length = std::stoul(value);
        }
      }
      line_end = next;
    }
    buffer.erase(0, head_end + 4);
    while (buffer.size() < length) {
      const auto n = ::recv(fd, chunk, sizeof chunk, 0);
      if (n <= 0) return;
      buffer.append(chunk, static_cast<std::size_t>(n));
    }
    request.body = buffer.substr(0, length);
    buffer.erase(0, length);
    {
      std::lock_guard lock(mutex_);
      received_.push_back(request);
    }
    const auto response = next_response();
    std::string out = fmt::format("HTTP/1.1 {} {}\r\nContent-Length: {}\r\n", response.status,
                                  reason(response.status), response.body.size());
    for (const auto& [k, v] : response.headers) out += k + ": " + v + "\r\n";
    out += "\r\n" + response.body;
    if (!send_all(fd, out)) return;
  }
}

}  // namespace ld::test
